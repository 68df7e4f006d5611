# SPEC 10: writes inside an installed zone wait; they are delivered, oldest
# first and marked `coalesced`, before an access that reaches a device model
# (an mmio or unassigned piece, a rom write), at the start of every commit,
# and at the end of the input.  Reads never wait; ram never delivers.
container sys 0x10000
mmio dev 0x1000
ram mem 0x1000
rom boot 0x1000
map sys dev 0x1000
map sys mem 0x4000
map sys boot 0x8000
space s sys
coalesce dev 0x104 0xf8                # the zone [0x1104, 0x11fc)
write s 0x1104 4 0x11111111
write s 0x11fa 2 0xbeef
write s 0x4000 8 0x0102030405060708   # ram: no delivery
read s 0x4000 4                        # ram read: no delivery
read s 0x8000 4                        # rom read: no delivery
write s 0x1105 1 0x2
read s 0x1100 4                        # an mmio read: delivers first
write s 0x1108 4 0x3
write s 0x8000 4 0x4                   # a rom write reaches the device model
write s 0x110c 4 0x5
write s 0xc000 1 0x6                   # unassigned
write s 0x1100 8 0x7                   # straddles the zone's start: not inside
write s 0x11f8 8 0x8                   # straddles its end
write s 0x11fc 4 0x9                   # just past it
write s 0x1110 4 0xa
read s 0xc000 1                        # unassigned read
write s 0x1114 4 0xb
ram spare 0x10                         # a commit delivers first
write s 0x1118 4 0xc                   # pending at the end of the input
