# errors_map: map checks, in order: not-found P or C; invalid P is an alias; busy C already
# mapped (anywhere, even in P); loop (C is P, ...); overlap (non-empty intersection of
# [addr,addr+size) with a sibling while neither has may_overlap). Adjacent is not overlap,
# a size-0 region never overlaps, and a sibling mapped with PRIO (may_overlap) is no
# obstacle even to a plain map. Lines 22/24 show the resulting priority/recency rendering.
container sys 0x10000
space mem sys
ram r 0x1000
ram q 0x1000
alias al r 0x0 0x1000
map sys r 0x0
map al q 0x0
map al r 0x0
map al nosuch 0x0
map sys r 0x2000
map q r 0x0
map r r 0x0
map q q 0x0
map sys q 0x800
map sys q 0x1000
unmap sys q
map sys q 0x800 1
ram s 0x1000
map sys s 0x1000
ram z 0x0
map sys z 0x100
ram t 0x10
map sys t 0xff8
dump
