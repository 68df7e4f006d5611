# kvm_bus_order_pio: the overlap of kvm_bus_order_overlap on the port I/O bus, at the PCI
# configuration ports 0xcf8..0xcff: an 8-byte tuple at 0xcf8 registered after a 2-byte
# one at 0xcfc that it contains, so the bus array is (0xcf8,4) (0xcfc,2) (0xcf8,8)
# (0xcfc,4). A 4-byte out to 0xcf8 matches the `*` tuple (0xcf8,4) at index 0, but the
# bsearch lands on (0xcf8,8) and the walk back stops at (0xcfc,2): the write exits. The
# 8-byte tuple cannot be written by port I/O at all (no probe). All tuples use fd 1
# but one: fd identity does not matter to the bus. Found by a fresh libFuzzer input.
container r0 0x10000
space s0 r0 pio
mmio r2 0x8
map r0 r2 0xcf8
eventfd-add r2 0x0 0x4 * 1
eventfd-add r2 0x4 0x2 0x19 1
eventfd-add r2 0x0 0x8 0x29 1
eventfd-add r2 0x4 0x4 0x80 8
