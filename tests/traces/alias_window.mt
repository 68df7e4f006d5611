# alias_window: an alias renders its target at base - offset, clipped to its own window
# [addr, addr+size). Flat ranges name the terminal target, never the alias. Covers a
# negative base (a at 0x100 with offset 0x800: r's offset 0 lands at -0x700, only r's
# [0x800,0x1000) shows), an alias window larger than the target (clipped), aliases of
# aliases (b, c: offsets add up), an offset of 2^64-1 at address 0 (base -(2^64-1): nothing
# shows; a wrapping implementation would show r at [0x1,0x10)), an alias of a container
# cutting its subregions, and a move inside the target showing through the alias.
container sys 0x10000
space mem sys
ram r 0x1000
alias a r 0x800 0x1000
map sys a 0x100
alias b a 0x400 0x200
map sys b 0x2000
alias c a 0x600 0x400
map sys c 0x3000
alias e r 0xffffffffffffffff 0x10
map sys e 0x0
container box 0x1000
ram x 0x100
ram y 0x100
map box x 0x0
map box y 0x800
alias bw box 0x80 0x800
map sys bw 0x4000
move y 0x780
dump
