# A guest write through a logged ram range makes its pages dirty for sync
# (SPEC section 9); found by the reproducible fuzz smoke's KVM step, where
# KVM's dirty log reported the page and the reference did not mark it.
container r0 0x10000000000000000
ram r1 0x4000
mmio r2 0x1000
ram r3 0x100
space s0 r0
begin
map r0 r1 0x0
map r0 r2 0x10000
log r1 on
coalesce r2 0x0 0x1000
coalesce r2 0x100 0x10
eventfd-add r2 0x40 0x4 0x1 3
commit
map r0 r3 0x10400 1
coalesce r2 0xffe 0x1000
destroy r1
begin
map r3 r0 0x0
rom r1 0x0
write s0 0x64 0x2 0x1
move r2 0x30000
sync
dump
