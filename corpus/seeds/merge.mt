# enable/disable and merging: an overlay splits a range into three, disabling
# it merges them back (idempotent), re-enabling splits again; an alias of the
# same region next to it does not merge across non-contiguous offsets.
container r0 0x100000
space s0 r0
ram r1 0x10000
map r0 r1 0x0
ram r2 0x1000
map r0 r2 0x4000 1
disable r2
disable r2
enable r2
enable r2
alias r3 r1 0x0 0x1000
map r0 r3 0x10000
alias r4 r1 0x10000 0x0
map r0 r4 0x20000
disable r1
enable r1
dump
