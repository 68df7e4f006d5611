# SPEC 10: a commit delivers every space's pending writes, in space creation
# order, before its first operation: through the view they were written to,
# even when the commit moves, disables or unmaps the region.
container sys 0x100000
mmio dev 0x1000
map sys dev 0x1000
space a sys
space b sys
coalesce dev 0x0 0x1000
write b 0x1010 4 0x1b
write a 0x1020 4 0x1a
begin
move dev 0x3000
write a 0x1030 4 0x2a        # the transaction is not yet visible
write b 0x3030 4 0x2b        # unassigned in b's committed view: delivers b's first
commit
write a 0x3040 2 0x3a
disable dev
write a 0x3050 2 0x4a        # nothing mapped now
enable dev
write a 0x3060 1 0x5a
unmap sys dev
dump
