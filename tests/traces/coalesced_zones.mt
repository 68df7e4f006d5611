# SPEC 10 with several zones: nested and overlapping zones (inside one is
# enough), a zone deleted while a write waits (delivered at the start of
# that commit), zones clipped by an overlay, and an alias's zones.
container sys 0x100000
mmio dev 0x1000
map sys dev 0x1000
space s sys
coalesce dev 0x0 0x7f6        # [0x1000, 0x17f6)
coalesce dev 0x100 0x100      # nested in it
coalesce dev 0x7f2 0x2e       # [0x17f2, 0x1820): overlaps the first
write s 0x1104 4 0x1
write s 0x17f0 8 0x2          # across the two overlapping zones, inside neither
write s 0x1800 8 0x3          # inside the second one only
uncoalesce dev 0x100 0x100
write s 0x1104 4 0x5          # still inside the outer zone
write s 0x1900 4 0x4          # in no zone
ram over 0x1000
map sys over 0x1400 1
write s 0x1400 4 0x6          # ram now: stored, nothing printed
write s 0x13fc 4 0x7          # the clipped zone still holds it
alias win dev 0x0 0x800
map sys win 0x20000
write s 0x207f4 4 0x8         # in the alias's two zones
write s 0x1010 4 0x9
read s 0x20010 4
