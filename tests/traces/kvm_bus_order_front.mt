# kvm_bus_order_front: a later registration inserted in front. On a port I/O space, in
# this order: (0x14,4) (0x1c,2) (0x10,8) (0x10,4). (0x10,8) goes before (0x1c,2), which
# ends after it; (0x10,4) goes first, before (0x14,4), which ends after it; so the bus
# array is (0x10,4) (0x14,4) (0x10,8) (0x1c,2). A 4-byte write of 0x3d to 0x10: the
# bsearch lands on (0x10,8) at index 2 and the walk back stops at (0x14,4), which ends
# after the access: (0x10,4) at index 0 is never tried and the write exits instead of
# firing fd 2. (0x14,4) and (0x1c,2) are found and fire. The first tuple is added
# before the space exists, so the first commit installs it. Found by a fresh libFuzzer
# input.
mmio r0 0x2f
eventfd-add r0 0x14 0x4 0x3c 1
space s3 r0 pio
eventfd-add r0 0x1c 0x2 0xfffc 7
eventfd-add r0 0x10 0x8 0x2 4
eventfd-add r0 0x10 0x4 0x3d 2
