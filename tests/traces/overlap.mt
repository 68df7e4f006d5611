# overlap: map and move check [addr,addr+size) against every sibling; overlap only when the
# intersection is non-empty and neither side has may_overlap. A one-byte intersection is
# overlap, adjacency is not; a move to the same address does not collide with itself; a
# size-0 region never overlaps; PRIO form (line 20, PRIO 0) sets may_overlap so c may be
# mapped over a and a plain d over c (line 21). A failed move changes nothing; a successful
# one makes the region most recently mapped (c wins ties after line 23).
container sys 0x10000
space mem sys
ram a 0x1000
ram b 0x1000
ram c 0x1000
map sys a 0x1000
map sys b 0x1800
map sys b 0x0fff
map sys b 0x2000
move b 0x1fff
move b 0x2000
move b 0x0
ram d 0x1000
map sys c 0x1800 0
map sys d 0x2000
move d 0x1000
move c 0x0
ram z 0x0
map sys z 0x1800
move z 0x2800
ram e 0x10
map sys e 0x2ff0
map sys e 0x3000
dump
