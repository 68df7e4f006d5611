container sys 0x10000000000000000
mmio dev 0x1000
space mem sys
map sys dev 0x1000
eventfd-add dev 0x10 4 0x1 7
dump
