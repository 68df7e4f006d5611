# eventfd conflicts and retry: same address and size with equal data or a
# wildcard conflict whatever the fd; size 0 conflicts with anything at that
# address; a refused tuple is retried when D changes and succeeds once the
# blocker is gone.
container r0 0x10000
space s0 r0
mmio r1 0x1000
map r0 r1 0x1000
eventfd-add r1 0x10 4 0x1 1
eventfd-add r1 0x10 4 0x1 2
eventfd-add r1 0x10 4 * 3
eventfd-add r1 0x10 2 0x1 4
eventfd-add r1 0x10 0 * 5
eventfd-add r1 0x20 8 0xffffffffffffffff 6
eventfd-add r1 0x20 8 0xfffffffffffffffe 7
eventfd-del r1 0x10 4 0x1 1
eventfd-add r1 0x30 1 0xff 0
eventfd-del r1 0x10 0 * 5
dump
