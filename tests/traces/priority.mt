# priority: subregion order is higher priority first, then most recently mapped first;
# `move` (even to the same address) counts as mapping again. Negative priorities lose to
# the plain map's priority 0; -2147483648 loses to everything. A region that loses the
# tie is split around the winner and merges back into one range when it wins again.
container sys 0x10000
space mem sys
ram lo 0x3000
ram hi 0x1000
ram neg 0x4000
map sys lo 0x0 -1
map sys neg 0x0 -2147483648
map sys hi 0x1000 -1
move lo 0x0
move hi 0x1000
ram top 0x800
map sys top 0x2800 5
move lo 0x0
ram mid 0x1000
map sys mid 0x3800
disable top
dump
