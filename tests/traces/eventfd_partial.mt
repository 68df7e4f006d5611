# eventfd_partial: an ioeventfd is active only where its whole span lies inside one flat
# range of its region (unlike QEMU, partially visible ioeventfds are not registered).
# Adding ioeventfds to an unmapped region changes no D (no output). The overlay `cover`
# (PRIO 1) first cuts both spans (both deleted), then after a move leaves the 0x10 span
# whole again. Through the alias dw (d's [0x12,0x22) at 0x2000) the 0x10 span is cut by
# the window's start and is not active there, the 0x20 span is, and so is a size-0
# ioeventfd on the window's last byte; the 0x22 one lies outside the window. The same
# tuple fields at two addresses are two different tuples (no conflict).
container sys 0x10000
space mem sys
mmio d 0x100
ram cover 0xf
eventfd-add d 0x10 4 0x5 1
eventfd-add d 0x20 2 * 2
map sys d 0x1000
map sys cover 0x1012 1
move cover 0x1014
unmap sys cover
alias dw d 0x12 0x10
map sys dw 0x2000
eventfd-add d 0x21 0 * 3
eventfd-add d 0x22 1 0x7 4
dump
