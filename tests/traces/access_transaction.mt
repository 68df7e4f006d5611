# Accesses inside an open transaction see the last commit (view and I);
# contents are not transactional.
container sys 0x10000000000000000
ram ram0 0x1000
mmio dev 0x1000
space mem sys
map sys ram0 0x0
map sys dev 0x10000
eventfd-add dev 0x0 4 * 1
begin
map sys ram0 0x0                 # busy: no change
unmap sys ram0
eventfd-del dev 0x0 4 * 1
eventfd-add dev 0x4 4 * 2
write mem 0x8 8 0x0102030405060708   # ram0 is still at 0 in the last commit
read mem 0x8 8
write mem 0x10000 4 0x0          # still notifies
write mem 0x10004 4 0x0          # not yet installed
space late sys
read late 0x8 4                  # created since the last commit: empty view
commit
read mem 0x8 8                   # unassigned now
write mem 0x10000 4 0x0
write mem 0x10004 4 0x0
read late 0x10000 4
map sys ram0 0x1000
read mem 0x1008 8                # the write above is still there
# destroy inside an open transaction: the last commit still shows it
begin
unmap sys ram0
destroy ram0
ram ram0 0x1000
read mem 0x1008 8
write mem 0x1008 4 0xaaaaaaaa
read mem 0x1008 8
map sys ram0 0x1000
read mem 0x1008 8
commit
read mem 0x1008 8
dump
