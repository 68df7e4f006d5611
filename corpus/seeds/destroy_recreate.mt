# destroy and recreate: a new region with the same name is a different
# object (region-del/region-add of the same range in one commit); destroy is
# busy while mapped, a parent, an alias target or a space root.
container r0 0x10000
space s0 r0
mmio r1 0x1000
map r0 r1 0x0
eventfd-add r1 0x8 4 * 1
destroy r1
begin
unmap r0 r1
destroy r1
mmio r1 0x1000
eventfd-add r1 0x8 4 * 1
map r0 r1 0x0
commit
alias r2 r1 0x0 0x800
destroy r1
destroy r0
map r0 r2 0x2000
unmap r0 r2
destroy r2
unmap r0 r1
destroy r1
ram r1 0x1000
map r0 r1 0x0
dump
