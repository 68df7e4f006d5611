# errors_loop: `map P C` is a loop when C is P or P is reachable from C through subregion
# and alias-target links, in any mix and at any depth (sys->a->b->c; alias->sys->...;
# alias->alias->...; container->alias->c; alias->terminal parent). loop comes after busy
# (line 17: a mapped C reports busy) and before overlap (line 31 would also overlap w).
# Aliases of a subtree that does not contain P are legal (lines 25 and 33).
container sys 0x10000
container a 0x1000
container b 0x1000
container c 0x1000
space mem sys
map sys a 0x0
map a b 0x0
map b c 0x0
container solo 0x10
map solo solo 0x0
map c sys 0x0
map b a 0x0
alias al sys 0x0 0x1000
map c al 0x0
alias al2 al 0x0 0x100
map c al2 0x0
alias ac c 0x0 0x10
map c ac 0x800
container d 0x100
map d ac 0x0
ram r 0x100
alias ar r 0x0 0x100
map r ar 0x0
ram w 0x1000
map c w 0x0
map c d 0x0
alias ac3 c 0x0 0x100
map sys ac3 0x2000
dump
