# aliases of aliases with negative bases: r2 shows r1 from offset 0x3000
# (base 0x1000 - 0x3000 < 0), r3 windows r2 at 0xffffffffffffffff.
container r0 0x10000000000000000
space s0 r0
ram r1 0x4000
alias r2 r1 0x3000 0x2000
alias r3 r2 0x800 0x1000
alias r4 r3 0xffffffffffffffff 0x10
map r0 r2 0x1000
map r0 r3 0x8000
map r0 r4 0xfffffffffffffff0
mmio r5 0x100
alias r6 r5 0x0 0x10000000000000000
map r0 r6 0x20000 -1
eventfd-add r5 0x10 4 * 1
disable r1
enable r1
dump
