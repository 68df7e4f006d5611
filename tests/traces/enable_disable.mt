# enable_disable: a disabled region renders nothing, nor does anything below it; enable and
# disable are idempotent (no output when nothing changes; disabling r inside a disabled box
# changes nothing visible). An alias renders through its target chain, so disabling the
# unmapped inner alias `am` hides the view through am2 (line 24), and disabling m hides both
# of its views at once (line 26) -- with their ioeventfds. Disabling a space root empties
# the view.
container sys 0x10000
space mem sys
container box 0x1000
ram r 0x100
mmio m 0x100
map box r 0x0
map box m 0x100
eventfd-add m 0x0 4 * 1
map sys box 0x2000
disable box
disable box
disable r
enable box
enable box
alias am m 0x0 0x100
alias am2 am 0x0 0x100
map sys am2 0x3000
disable am
enable r
disable m
dump
enable am
enable m
disable sys
dump
