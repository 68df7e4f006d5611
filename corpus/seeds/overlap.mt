# overlap: siblings without may_overlap collide (exact [addr, addr+size) terms),
# adjacency is fine, PRIO maps bypass the check, move re-checks against siblings.
container r0 0x10000
space s0 r0
ram r1 0x1000
ram r2 0x1000
ram r3 0x10
map r0 r1 0x1000
map r0 r2 0x1fff
map r0 r2 0x2000
map r0 r3 0x2ff8
map r0 r3 0x1ff8 1
move r2 0x1800
move r2 0x3000
mmio r4 0x0
map r0 r4 0x1800
dump
