# Contents live with the region object: shared by aliases (two windows,
# two spaces), kept through move, unmap, disable; destroy drops them.
container sys 0x10000000000000000
container io 0x10000
ram ram0 0x4000
alias lo ram0 0x0 0x2000
alias hi ram0 0x2000 0x2000
space mem sys
space port io pio
begin
map sys lo 0x100000
map sys hi 0x200000
map io ram0 0x0
commit
write mem 0x100ff8 8 0x1111111122222222
write mem 0x200010 4 0xcafe
read port 0xffc 4
read port 0x1ff8 4
read port 0x2010 4
read mem 0x201ffc 4
write port 0x1ffe 2 0xabcd
read mem 0x101ffc 4
move hi 0x300000
read mem 0x300010 4
unmap io ram0
read port 0x2010 4
disable hi
read mem 0x300010 4
enable hi
read mem 0x300010 4
map io ram0 0x0
read port 0x2010 4
# destroy drops the contents: a new ram0 reads zeros
unmap sys lo
unmap sys hi
unmap io ram0
destroy lo
destroy hi
destroy ram0
ram ram0 0x4000
map io ram0 0x0
read port 0x2010 4
read port 0xffc 4
