# four spaces over one tree, updated in creation order at each commit;
# a shared mmio region with a size-0 and a wildcard eventfd at one address.
container r0 0x10000
mmio r1 0x100
map r0 r1 0x100
alias r2 r0 0x100 0x100
space s0 r0
space s1 r2
space s2 r1 pio
space s3 r1
begin
eventfd-add r1 0x0 0 * 0
eventfd-add r1 0x0 1 * 1
eventfd-add r1 0x4 4 0xdeadbeef 2
commit
eventfd-del r1 0x0 0 * 0
move r1 0x200
dump s3
dump
