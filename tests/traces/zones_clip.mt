# Coalesced ranges give zones through flat ranges, clipped to them (SPEC
# section 3): an overlay cuts a zone in two, an alias window clips it, a
# disabled overlay gives it back whole.
container sys 0x10000000000000000
mmio dev 0x1000
ram ov 0x100
space mem sys
map sys dev 0x10000
coalesce dev 0x0 0x1000
# an overlay over the middle: two zones, each clipped to its flat range
map sys ov 0x10400 1
dump
# disabled, the overlay shows nothing: one zone again
disable ov
# the same range through an alias window [0x800, 0xc00) of dev
alias win dev 0x800 0x400
map sys win 0x40000
# a coalesced range that starts before a flat range's offset is clipped
# to its start; one wholly outside the window gives nothing through it
coalesce dev 0x7f0 0x20
coalesce dev 0xc00 0x10
dump
# moving the region moves its zones (del first, then add, by start)
move dev 0x20000
unmap sys win
dump
