# kvm_apic_page: ram on the page of the default x86 local APIC base, 0xfee00000, next to
# ram on an ordinary page. The reference backend sees two ram ranges like any others.
# Found by ci/fuzz's KVM step (a fuzz_lookup input moving ram to 0xfee00000): on this
# project's nested KVM hosts (Linux 6.18) guest writes into the memslot on that page exit
# to userspace as MMIO, though the VM has no in-kernel irqchip; on Linux 6.1 (ci/kvm-vm)
# they land in memory. `memtopo validate` reports those probes as KNOWN, and only when the
# write itself exits; the ordinary page must behave.
container sys 0x10000000000000000
space mem sys
ram apic 0x1000
map sys apic 0xfee00000
ram below 0x1000
map sys below 0xfed00000
dump
