# Zones are intervals: nested and overlapping ones are distinct zones, equal
# ones count once (SPEC section 3); a commit whose Z is unchanged sends
# nothing (section 4 step 4); deleting exactly one zone leaves the others.
container sys 0x10000000000000000
mmio dev 0x1000
mmio dev2 0x1000
space mem sys
map sys dev 0x0
coalesce dev 0x0 0x100
# nested inside it
coalesce dev 0x10 0x20
# overlapping both
coalesce dev 0x80 0x100
dump
# delete the inner one: exactly it goes
uncoalesce dev 0x10 0x20
# two ranges clipped by an overlay to the same interval: one zone
ram ov 0x80
map sys dev2 0x1000
map sys ov 0x1f80 1
begin
coalesce dev2 0xf00 0x100
coalesce dev2 0xf00 0xc0
commit
# one of them goes, the interval stays: Z unchanged, nothing sent
uncoalesce dev2 0xf00 0xc0
dump
# the outer one goes: the nested and overlapping ones stay
uncoalesce dev2 0xf00 0x100
uncoalesce dev 0x0 0x100
dump
