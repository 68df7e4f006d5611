# coalesce / uncoalesce errors (SPEC section 5): syntax, invalid for a number
# out of range, then not-found, then invalid (not mmio, size outside [1,
# 2^32), past the end), then exists; uncoalesce: not-found for a missing
# region or range.
container sys 0x10000000000000000
mmio m 0x100000000
mmio big 0x10000000000000000
ram r 0x1000
space mem sys
map sys m 0x0
coalesce
coalesce m 0x0
coalesce m 0x0 0x10 0x1
coalesce m x 0x10
coalesce m 0x0 -1
coalesce m 0x10000000000000000 0x10
coalesce m 0x0 0x10000000000000001
coalesce nope 0x0 0x10000000000000001
coalesce nope 0x0 0x10
coalesce r 0x0 0x10
coalesce sys 0x0 0x10
coalesce m 0x0 0x0
coalesce m 0x0 0x100000000
coalesce m 0x0 0x10000000000000000
coalesce m 0xffffffff 0x2
coalesce m 0xffffffff 0x1
coalesce m 0x0 0xffffffff
coalesce m 0x0 0xffffffff
coalesce big 0xffffffffffffffff 0x1
coalesce big 0xffffffff00000001 0xffffffff
coalesce big 0xffffffff00000000 0xffffffff
uncoalesce
uncoalesce nope 0x0 0x1
uncoalesce m 0x0 0x1
uncoalesce m 0x0 0x100000000
uncoalesce m 0x0 0x10000000000000000
uncoalesce r 0x0 0x10
uncoalesce m 0x0 0xffffffff
uncoalesce m 0x0 0xffffffff
# errors inside a transaction change nothing
begin
coalesce r 0x0 0x1
coalesce m 0x1 0x1
commit
# at the very top of the address space: the zone ends at 2^64
map sys big 0x0 -1
unmap sys m
dump
