# SPEC 8 rule 3: an access is split at flat-range boundaries, pieces in
# address order; sub-page ranges, gaps and both range edges.
container sys 0x10000000000000000
ram ram0 0x1000
mmio reg 0x2
mmio dev 0x10
space mem sys
begin
map sys ram0 0x0
map ram0 reg 0x802 1             # a 2-byte mmio hole in the ram page
map sys dev 0x1004 1             # right after ram0, 4 bytes in
commit
write mem 0x800 8 0x8877665544332211
read mem 0x800 8
read mem 0x800 2
read mem 0x804 4
write mem 0x802 2 0xbbaa
read mem 0x802 2
# the last ram bytes, then a 4-byte gap and the device
write mem 0xff8 8 0x0807060504030201
read mem 0xff8 8
read mem 0xffc 4
read mem 0x1000 8
write mem 0x1010 8 0x1
# the range edge at 0x1014: dev's last 4 bytes and a gap
write mem 0x1010 8 0xffeeddccbbaa9988
read mem 0x1010 8
dump
