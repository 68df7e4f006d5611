# log errors (SPEC section 5): syntax, then not-found, then invalid for
# anything but ram.
container sys 0x10000
ram r 0x1000
rom ro 0x1000
mmio m 0x1000
alias a r 0x0 0x1000
space mem sys
log
log r
log r yes
log r on off
log r ON
log r 1
log nope on
log nope off
log ro on
log m on
log sys off
log a on
log r on
# errors commit nothing
begin
log m on
log r off
commit
sync extra
sync
dump
