# nested transactions: nothing reaches the backend before the outermost
# commit; a failing command inside changes nothing; the end of input
# commits what is still open.
container r0 0x10000
mmio r1 0x1000
ram r2 0x1000
begin
space s0 r0
map r0 r1 0x0
begin
eventfd-add r1 0x0 4 0x1 1
map r0 r2 0x800
map r0 r2 0x1000
commit
disable r1
enable r1
commit
commit
begin
unmap r0 r1
map r0 r1 0x4000
begin
move r2 0x8000
