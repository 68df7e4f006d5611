# terminal_parent: map into a terminal (here a rom) is allowed (project decision): render
# step 4 runs before step 5, so the subregion o wins over the rom's own bytes and the rom
# fills the rest. A subregion sticking out of its terminal parent is clipped to the
# parent's window; an ioeventfd inside the visible part is active (0xffc), one beyond it
# is not (no output at line 15). Mapping into an alias is invalid (checked before busy).
# An alias of r mapped into o is a loop (o reachable from ra: ra -> r -> o).
container sys 0x10000
space mem sys
rom r 0x1000
mmio o 0x100
map sys r 0x0
map r o 0x800
move o 0xf80
eventfd-add o 0x7c 4 * 1
eventfd-add o 0x80 4 * 2
alias ra r 0x0 0x1000
map o ra 0x0
alias al r 0x0 0x10
map al o 0x0
ram q 0x10
map al q 0x0
dump
