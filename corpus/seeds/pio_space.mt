# a port-I/O space next to a memory space sharing a subtree: the same mmio
# region seen at two addresses in two spaces, eventfds in both, size 0 on PIO.
container r0 0x10000
container r1 0x10000000000000000
space s0 r0 pio
space s1 r1
mmio r2 0x8
map r0 r2 0xcf8
eventfd-add r2 0x0 4 * 1
eventfd-add r2 0x4 0 * 2
eventfd-add r2 0x4 2 0xffff 3
alias r3 r0 0xc00 0x400
map r1 r3 0xfe000000
dump s0
dump s1
dump
