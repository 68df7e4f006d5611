# Spaces whose roots render the same view share it (QEMU's flat-view root
# rule: an alias of all of its target, a container whose one subregion is
# mapped at 0).  When bus mastering (the alias) goes off or on, a device's
# space changes view: it gets exactly the region-del/region-add/log
# difference, eventfds and zones follow (SPEC section 4).
container sys 0x100000
ram ram0 0x8000
mmio bar 0x1000
map sys ram0 0x0
map sys bar 0x10000
eventfd-add bar 0x0 4 * 1
coalesce bar 0x100 0x10
space mem sys
container dev.bm 0x100000
alias dev.dma sys 0x0 0x100000
map dev.bm dev.dma 0x0
space dev dev.bm
disable dev.dma
log ram0 on
enable dev.dma
begin
disable dev.dma
move bar 0x20000
commit
enable dev.dma
write dev 0x20100 4 0x7
disable dev.dma
container big 0x200000
map dev.bm big 0x100000
enable dev.dma
unmap dev.bm big
log ram0 off
ram extra 0x1000
map dev.bm extra 0x0 1
unmap dev.bm extra
map sys extra 0x30000
disable sys
enable sys
dump
