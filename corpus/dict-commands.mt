container r0 0x10000000000000000
mmio r1 0x1000
ram r2 0x10000
rom r3 0x1000
alias r4 r2 0xffffffffffffffff 0x10000000000000000
alias r5 r4 0x8000 0x1000
map r0 r1 0xfffffffffffff000
map r0 r2 0x0 -2147483648
map r0 r3 0x1000 2147483647
map r0 r5 0x800 1
move r1 0xffffffffffffff00
eventfd-add r1 0xff8 8 0xffffffffffffffff 2147483647
eventfd-add r1 0xfff 0 * 0
eventfd-add r1 0x10 4 * 1
eventfd-del r1 0x10 4 * 1
space s0 r0
space s1 r0 pio
unmap r0 r1
destroy r1
disable r2
enable r2
begin
commit
dump
dump s0
write s0 0x1000 4 0x1
write s0 0xfffffffffffffff8 8 0xffffffffffffffff
read s0 0x1000 8
read s1 0xfffe 2
log r2 on
log r2 off
coalesce r1 0x0 0x1000
coalesce r1 0xff8 0x8
uncoalesce r1 0x0 0x1000
sync
