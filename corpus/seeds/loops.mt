# loop checks through subregions and alias targets, alias parents invalid,
# terminal regions as parents.
container r0 0x10000
container r1 0x1000
container r2 0x100
space s0 r0
map r0 r1 0x0
map r1 r2 0x0
map r2 r0 0x0
map r2 r2 0x10
alias r3 r0 0x0 0x100
map r2 r3 0x0
map r3 r2 0x0
ram r4 0x1000
ram r5 0x10
map r4 r5 0x10
map r0 r4 0x2000
dump
