# kvm_bus_order_overlap: an 8-byte tuple at 0xffc registered after a 2-byte one at 0x1000
# that its span overlaps. KVM's kvm_io_bus_register_dev inserts before the first range
# that kvm_io_bus_cmp calls greater; (0x1000,2) ends inside (0xffc,8), so it is "equal"
# and the bus array becomes (0xffc,4) (0x1000,2) (0xffc,8) (0x1009,0): not ordered. A
# 4-byte write at 0xffc: kvm_io_bus_get_first_dev's bsearch lands on (0xffc,8), the walk
# back stops at (0x1000,2) and (0xffc,4) at index 0 is never tried: the write exits
# instead of firing fd 1 (also the 4-byte "other width" probe of the 8-byte tuple, whose
# data matches fd 1's). The reference backend installs all four, in canonical order.
# Found by a fresh libFuzzer input; `memtopo validate` reports those probes as KNOWN
# only because harness/iobus_model predicts exactly that exit.
mmio r0 0xe
container r1 0xc0000
map r1 r0 0xffc
eventfd-add r0 0x4 0x2 0x1e 2
eventfd-add r0 0x0 0x4 0x1e 1
space s3 r1
eventfd-add r0 0x0 0x8 0x1e 3
eventfd-add r0 0xd 0x0 * 0
