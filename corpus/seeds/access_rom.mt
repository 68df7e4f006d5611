# rom: writes reach the device model (rom-write) and leave the contents
# alone; reads show the contents (zero: nothing can write a rom).
container sys 0x10000000000000000
rom bios 0x2000
alias shadow bios 0x1000 0x1000
ram patch 0x4
space mem sys
begin
map sys bios 0xe0000
map sys shadow 0xf0000
map sys patch 0xe1804 1          # 4 bytes of ram over the rom
commit
write mem 0xe1000 4 0x12345678
write mem 0xf0ff8 8 0xffffffffffffffff
read mem 0xe1000 4
read mem 0xf0000 8
read mem 0xe0ff8 8
write mem 0xe1ffc 4 0x1
# a write across rom and ram: the rom piece reaches the device model, the
# ram piece is stored
write mem 0xe1800 8 0x1122334455667788
read mem 0xe1800 8
read mem 0xf0800 8               # the shadow shows the rom beneath
