# log R on|off (SPEC sections 1, 4 step 3, 5, 6): the flag of a ram region,
# told to the backend at the commit: region-add ... log for a new range,
# log-start / log-stop for a range that stays, region-del ... log as the
# old view had it.
container sys 0x10000000000000000
ram ram0 0x4000
ram ram1 0x2000
space mem sys
map sys ram0 0x0
# on, outside a transaction: committed alone, the range stays: log-start
log ram0 on
# idempotent: committed alone, nothing changed, nothing sent
log ram0 on
# a new range of a logged region carries ` log`
log ram1 on
map sys ram1 0x10000
dump
# off: log-stop, then idempotent off
log ram0 off
log ram0 off
# unmapping a logged range: region-del ... log
unmap sys ram1
# the flag survives unmap (it is the region's): mapped again with log
map sys ram1 0x20000
# aliases render the ram region itself: their ranges carry its flag
alias a1 ram0 0x1000 0x1000
map sys a1 0x30000
log ram0 on
dump
# no guest writes: nothing is dirty
sync
