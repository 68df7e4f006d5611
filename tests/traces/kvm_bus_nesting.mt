# kvm_bus_nesting: two ioeventfds at different A whose spans do not overlap but which
# KVM's io-bus comparator (kvm_io_bus_cmp) nests: a size-0 tuple at 0x3, right at the end
# of a 1-byte tuple at [0x2, 0x3). Different A never collide (SPEC section 4), so both
# are installed, one commit each, on a pio space and a memory space sharing the root.
# Found by `memtopo validate` over a fresh libFuzzer corpus: on KVM (6.1 and 6.18) a
# write to 0x3 then exits instead of firing fd 5, on both buses: kvm_io_bus_cmp calls
# (0x2,1) "equal" to (0x3,0), so it is registered after it, and the bsearch for a write
# at 0x3 steps past both. The validator reports those probes as KNOWN because its exact
# model of the io bus (harness/iobus_model.c) predicts exactly that exit.
mmio dev 0x8
space io dev pio
space mem dev
eventfd-add dev 0x3 0x0 * 5
eventfd-add dev 0x2 0x1 0x0 3
dump
