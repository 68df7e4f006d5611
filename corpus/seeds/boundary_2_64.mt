# the top of the address space: a range ending at 2^64, eventfds whose span
# ends at 2^64 (refused: invalid), size 0 at the last byte, a 2^64 ram root.
container r0 0x10000000000000000
space s0 r0
mmio r1 0x100
map r0 r1 0xffffffffffffff00
eventfd-add r1 0xfc 4 * 1
eventfd-add r1 0xff 0 * 2
eventfd-add r1 0xff 1 0x7 3
eventfd-add r1 0xf8 8 0x8000000000000000 4
ram r2 0x1000
map r0 r2 0xfffffffffffff800
map r0 r2 0xfffffffffffff800 -1
ram r3 0x10000000000000000
space s1 r3
alias r4 r3 0x10 0x10000000000000000
space s2 r4
move r1 0xfffffffffffffeff
dump
