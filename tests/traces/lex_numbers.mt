# lex_numbers: the number grammar (project decision): decimal [0-9]+ or hex 0x[0-9a-fA-F]+,
# lowercase 0x prefix only, leading zeros allowed. `0x`, `12a`, `0X10`, `+5` and a `-` on
# anything but a decimal PRIO (`-5` on a size, `-0x5` as PRIO) are syntax. A well-formed
# number that is too large is invalid, never syntax, whatever its length. PRIO is a signed
# 32-bit value: -2147483648..2147483647 (hex allowed, `-0` is 0). Creating regions prints
# nothing (no view shows them); the maps and the final dump show the parsed values.
container sys 0x10000000000000000
space mem sys
ram a 0010                   # decimal 10 with leading zeros: 0xa
map sys a 0x0000
ram b 0xAbC
map sys b 0x1000
ram c 0x
ram c 12a
ram c 0X10
ram c -5
ram c +5
ram c 0x10000000000000001
ram c 18446744073709551617
ram c 99999999999999999999999999999999999999999999
ram c 0x00000000010000000000000000
map sys c 0x10000000000000000
map sys c 18446744073709551615 -0
ram e 0x000000000000000000000000000000001
map sys e 0x3000 2147483648
map sys e 0x3000 -2147483649
map sys e 0x3000 -0x5
map sys e 0x3000 0x80000000
map sys e 0x3000 -2147483648
ram f 0x2
map sys f 0x3000 0x7fffffff
unmap sys f
dump
