# SPEC section 7 in pool names.
container r0 0x10000000000000000
mmio r1 0x1000
space s0 r0
map r0 r1 0x1000
eventfd-add r1 0x10 4 0x1 7
dump
