# Guest accesses (SPEC section 8), dirty pages (9) and coalesced writes (10)
container sys 0x10000000000000000
ram ram0 0x4000
mmio dev 0x1000
alias win ram0 0x2000 0x2000
space mem sys
begin
map sys ram0 0x0
map sys dev 0x10000
map sys win 0x20000
log ram0 on
eventfd-add dev 0x40 4 0x1 3
coalesce dev 0x100 0x100
commit
write mem 0x2008 8 0x1122334455667788
read mem 0x20008 8
write mem 0x10040 4 0x1
write mem 0x10040 4 0x2
write mem 0x10100 4 0xa
write mem 0x10104 2 0xb
write mem 0x22000 4 0x5
read mem 0x10200 2
write mem 0x10108 1 0xc
unmap sys win
sync
dump
