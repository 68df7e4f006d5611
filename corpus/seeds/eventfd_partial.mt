# partially visible ioeventfds are inactive: an overlay covering half of an
# 8-byte span, then moved away; an alias window cutting a span.
container r0 0x10000
space s0 r0
mmio r1 0x100
map r0 r1 0x1000
eventfd-add r1 0x10 8 0x1 1
eventfd-add r1 0x20 4 * 2
ram r2 0x4
map r0 r2 0x1014 1
move r2 0x1024
move r2 0x1028
alias r3 r1 0x12 0x20
map r0 r3 0x8000
eventfd-del r1 0x10 8 0x1 1
eventfd-add r1 0x10 8 0x1 1
dump
