# Port I/O: at most 4 bytes, inside ports 0..0xffff.
container io 0x10000
mmio uart 0x8
mmio top 0x10
space port io pio
begin
map io uart 0x3f8
map io top 0xfff0
eventfd-add uart 0x0 1 0x41 1
eventfd-add top 0xc 4 * 2
commit
write port 0x3f8 1 0x41
write port 0x3f8 1 0x42
write port 0x3f8 2 0x41
read port 0x3fc 4
write port 0x3f8 8 0x41          # 8 bytes: invalid on port I/O
read port 0x3f8 8
write port 0xfffc 4 0x1
read port 0xfffe 2
read port 0xffff 1
read port 0x10000 1              # beyond port 0xffff
read port 0xfffe 4               # misaligned (and beyond)
write port 0x10000 2 0x0
read port 0xffffffffffffff00 4
read port 0x3f0 4
