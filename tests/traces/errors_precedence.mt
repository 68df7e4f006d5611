# errors_precedence: when several errors apply the first class wins: syntax anywhere on the
# line (arg count, malformed token) beats an out-of-range number earlier on the line;
# a range invalid (size > 2^64, number > 2^64-1, PRIO outside int32, FD >= 2^31) beats
# not-found, exists and every command check; not-found beats the command's own invalid
# (eventfd-add size 3 on a missing region). Also: move of an unmapped region is invalid,
# commit with no transaction open is invalid, `commit x` / `dump S x` are syntax.
container sys 0x10000
space mem sys
ram r 0x10
ram x 0x10000000000000001 extra
alias y nosuch 0x10000000000000000 12a
map nosuch r 0x10000000000000000
move nosuch 0x10000000000000000
eventfd-add nosuch 0x0 4 * 2147483648
eventfd-add nosuch 0x0 4 0x10000000000000000 1
eventfd-add nosuch 0x0 3 * 1
eventfd-add r 0x0 3 * 1
ram r 0x10000000000000001
map sys nosuch 0x0 2147483648
map sys r 0x0 -2147483649 x
alias r nosuch 0x0 0x10000000000000001
move r 0x10
commit
commit extra
begin
commit
commit
dump nosuch extra
dump nosuch
eventfd-del nosuch 0x0 4 * 2147483648
dump
