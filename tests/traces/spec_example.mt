# spec_example: the example of SPEC section 7, command for command.
# One mmio region mapped at 0x1000 in a 2^64 container, one ioeventfd at offset 0x10:
# the map commits alone (region-add), the eventfd-add commits alone (D gains
# (0x1010,4,0x1,7)), and dump prints the flat view and the installed set.
container sys 0x10000000000000000
mmio dev 0x1000
space mem sys
map sys dev 0x1000
eventfd-add dev 0x10 4 0x1 7
dump
