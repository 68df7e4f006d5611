# destroy_recreate: flat-range identity is the region object. Unmapping and re-mapping the
# same object in one transaction (lines 14-17) prints nothing. Destroying dev and creating
# a new `dev` at the same place in one transaction (lines 18-24) gives region-del +
# region-add with identical text; D is a set of tuples (A,size,match,data,fd) that does not
# name the region, so the same ioeventfd on the new object leaves D unchanged: no eventfd
# lines. With a different fd (lines 26-32) the old tuple is deleted and the new added; a
# new `dev` of another kind (lines 33-38) has no ioeventfds. destroy frees the name at
# once; the region-del lines name the destroyed object (same text as the new one).
container sys 0x10000
space mem sys
mmio dev 0x1000
map sys dev 0x1000
eventfd-add dev 0x10 4 0x1 7
begin
unmap sys dev
map sys dev 0x1000
commit
begin
unmap sys dev
destroy dev
mmio dev 0x1000
map sys dev 0x1000
eventfd-add dev 0x10 4 0x1 7
commit
dump
begin
unmap sys dev
destroy dev
mmio dev 0x1000
map sys dev 0x1000
eventfd-add dev 0x10 4 0x1 8
commit
begin
unmap sys dev
destroy dev
ram dev 0x1000
map sys dev 0x1000
commit
dump
