# Seed: log flags (log-start/stop, region-add ... log), coalesced ranges
# clipped by an overlay, nested zones, sync.
container sys 0x10000000000000000
ram ram0 0x4000
mmio dev 0x1000
ram ov 0x100
space mem sys
begin
map sys ram0 0x0
map sys dev 0x10000
log ram0 on
coalesce dev 0x0 0x1000
coalesce dev 0x100 0x10
eventfd-add dev 0x40 4 0x1 3
commit
map sys ov 0x10400 1
log ram0 off
alias a ram0 0x1000 0x1000
map sys a 0x20000
log ram0 on
uncoalesce dev 0x100 0x10
move dev 0x30000
sync
dump
