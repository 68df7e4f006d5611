# eventfd_canonical: the commit sends D \ I in canonical order (A, then size, then
# no-match first, then data, then fd) whatever the order of the trace; DATA prints as
# lowercase hex whatever its input form (65535, 0xFF), FD in decimal. Widths 0 (any,
# only `*`), 1, 2, 4, 8 with their largest data; an fd written 010 is 10, so line 17 is
# exists. Unmapping d deletes the installed set (not the refused tuple) in canonical order.
container sys 0x10000
space mem sys
mmio d 0x100
map sys d 0x0
begin
eventfd-add d 0x40 8 0xffffffffffffffff 9
eventfd-add d 0x20 2 65535 3
eventfd-add d 0x20 1 0xFF 4
eventfd-add d 0x20 4 0xffffffff 2
eventfd-add d 0x20 4 0x0 1
eventfd-add d 0x10 0 * 10
eventfd-add d 0x10 0 * 010
eventfd-add d 0x30 8 0x1 6
eventfd-add d 0x30 8 0x1 5
eventfd-add d 0x0 1 * 0
commit
dump
unmap sys d
dump
