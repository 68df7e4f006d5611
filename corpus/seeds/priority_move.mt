# priority ties: among equal priorities the most recently mapped wins; move
# counts as mapping again; a lower priority only fills the holes; extreme
# priorities.
container r0 0x100000
space s0 r0
ram r1 0x4000
ram r2 0x4000
ram r3 0x2000
map r0 r1 0x0 1
map r0 r2 0x2000 1
map r0 r3 0x1000 0
move r1 0x0
move r2 0x2000
unmap r0 r3
map r0 r3 0x1000 -1
unmap r0 r3
map r0 r3 0x1000 2147483647
move r3 0x3000
unmap r0 r3
map r0 r3 0x1000 -2147483648
dump
