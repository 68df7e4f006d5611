# Errors of write and read, in the SPEC's order: syntax, then invalid for a
# number out of range (parse), then not-found S, then invalid.
container sys 0x10000000000000000
ram r 0x1000
space mem sys
map sys r 0x0
write mem 0x0 4                  # syntax: DATA missing
write mem 0x0 4 *                # syntax: DATA is a number in write
read mem 0x0                     # syntax
read mem 0x0 4 0x1               # syntax: too many
write mem 0x0 4 0x1 extra
read mem 0x0 0x4g                # syntax
read mem 0x0 -4                  # syntax: no sign
write mem 0x0 8 0x10000000000000000   # invalid: DATA above 2^64-1
read mem 0x10000000000000000 1   # invalid: ADDR above 2^64-1
read mem 0x0 0x10000000000000001 # invalid: SIZE above 2^64
read nospace 0x1 3               # not-found wins over the size
write nospace 0x0 4 0x1
read mem 0x0 0x10000000000000000 # a size token: 2^64 parses, then invalid
read mem 0x0 0
read mem 0x0 3
read mem 0x0 16
write mem 0x0 1 0x100            # data wider than SIZE
write mem 0x0 2 0x10000
write mem 0x0 4 0x100000000
write mem 0x0 8 0xffffffffffffffff
write mem 0x2 4 0x1              # misaligned
read mem 0x1 2
read mem 0x4 8
write mem 0x3 2 0x10000          # both: data first
read mem 0x0 8
read r 0x0 4                     # regions are not spaces
