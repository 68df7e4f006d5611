# boundary_2_64: exact 65-bit arithmetic at the top of the address space. top is mapped at
# 0xffffffffffffff00 and ends at 2^64 (END printed as 0x10000000000000000). The backend
# refuses with `invalid` any ioeventfd with size > 0 whose span ends exactly at 2^64
# (0x..fc size 4, 0x..ff size 1 -- invalid is checked before conflict, so the size-1 tuple
# at the size-0 tuple's address is invalid, not conflict); size 0 at the last byte is
# fine. Refused tuples are retried (and refused again) at every commit whose D changes,
# never when D is unchanged (line 20). big (0x1000 bytes at 0x..f800) overlaps top in
# [addr,addr+size) exact terms; mapped with PRIO it is clipped at 2^64. A ram of size 2^64
# as a space root, and a 2^64 alias with offset 0x10 as a root, show the other edge.
container sys 0x10000000000000000
space mem sys
mmio top 0x100
map sys top 0xffffffffffffff00
eventfd-add top 0xfc 4 * 1
eventfd-add top 0xff 0 * 2
eventfd-add top 0xff 1 * 3
eventfd-add top 0xf8 4 * 4
ram big 0x1000
map sys big 0xfffffffffffff800
map sys big 0xfffffffffffff800 -1
dump
disable top
ram whole 0x10000000000000000
space all whole
alias wa whole 0x10 0x10000000000000000
space shifted wa
dump
