# merge: adjacent flat ranges of the same region object with contiguous offsets merge into
# one. An overlay o (PRIO 1) splits r into two ranges; disabling o merges r back (three
# region-dels, one region-add); disabling again is idempotent (no output); enabling splits
# again. An alias ra of r's middle, mapped over o (PRIO 2), fills the hole with r's own
# offsets [0x1000,0x2000): the three pieces merge across the alias boundary. ra2 shows r
# again right after, but at offset 0 (not 0x3000): adjacent but not contiguous, no merge.
container sys 0x10000
space mem sys
ram r 0x3000
mmio o 0x1000
map sys r 0x0
map sys o 0x1000 1
disable o
disable o
enable o
alias ra r 0x1000 0x1000
map sys ra 0x1000 2
alias ra2 r 0x0 0x1000
map sys ra2 0x3000
dump
