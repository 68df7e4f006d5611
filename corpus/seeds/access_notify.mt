# SPEC 8 rule 1: a write notifies when an installed tuple has its address,
# size 0 or its size, and no datamatch or its data.
container sys 0x10000000000000000
mmio dev 0x1000
space mem sys
map sys dev 0x10000
begin
eventfd-add dev 0x0 0 * 1        # length 0: any width, any data
eventfd-add dev 0x8 8 0x1122334455667788 2   # 8-byte datamatch
eventfd-add dev 0x10 4 * 3       # any data, width 4 only
eventfd-add dev 0x20 2 0x5 4
eventfd-add dev 0x20 2 0x6 5     # same address and width, other data
commit
write mem 0x10000 1 0xff
write mem 0x10000 2 0xffff
write mem 0x10000 8 0x0
read mem 0x10000 1               # reads never notify
write mem 0x10008 8 0x1122334455667788
write mem 0x10008 8 0x1122334455667789   # data mismatch: dispatched
write mem 0x10008 4 0x55667788           # width mismatch: dispatched
write mem 0x10010 4 0xdeadbeef
write mem 0x10010 2 0xbeef               # width mismatch
write mem 0x10012 2 0x1                  # inside the span, other address
write mem 0x10020 2 0x5
write mem 0x10020 2 0x6
write mem 0x10020 2 0x7
# a tuple refused by the backend is not in I: it never notifies
eventfd-add dev 0x20 0 * 6
write mem 0x10020 2 0x7
# deleted: no longer notifies
eventfd-del dev 0x8 8 0x1122334455667788 2
write mem 0x10008 8 0x1122334455667788
# a tuple active through a second mapping (an alias) notifies at both
alias win dev 0x0 0x1000
map sys win 0x20000
write mem 0x20010 4 0x1
dump
