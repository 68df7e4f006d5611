# Accesses at the top of the 64-bit space.
container sys 0x10000000000000000
ram big 0x10000000000000000
mmio top 0x1000
space mem sys
map sys big 0x0
map sys top 0xfffffffffffff000 1
eventfd-add top 0xff8 8 * 1       # ends at 2^64: refused (invalid)
eventfd-add top 0xff0 8 * 2
write mem 0xfffffffffffffff8 8 0x1
write mem 0xfffffffffffffff0 8 0x1
write mem 0xffffffffffffeff8 8 0x1122334455667788
read mem 0xffffffffffffeff8 8
read mem 0xffffffffffffeffc 4
write mem 0x8000000000000000 8 0xffffffffffffffff
read mem 0x8000000000000004 4
read mem 0x0 8
