# Zones of a port I/O space (SPEC sections 1 and 3: coalesced ranges belong
# to mmio regions, whatever the space): the same clipping and diffing; on
# KVM they are KVM_REGISTER_COALESCED_MMIO with pio = 1.
container io 0x10000
mmio uart 0x8
mmio pci 0x8
space pio io pio
map io uart 0x3f8
map io pci 0xcf8
coalesce uart 0x0 0x8
coalesce uart 0x0 0x1
coalesce pci 0x4 0x4
eventfd-add pci 0x4 4 * 1
dump
uncoalesce uart 0x0 0x8
move pci 0xcf0
dump
