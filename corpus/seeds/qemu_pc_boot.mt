# imported by memtopo import qemu-mtree from tests/qemu/captures/pc-boot-plain.mtree and tests/qemu/captures/pc-boot-plain.flat
# 116 regions; #qemu comments keep QEMU's kinds and names for memtopo mtree
begin
container bus_master_container 0x10000000000000000 #qemu i/o bus master container
container system 0x10000000000000000 #qemu i/o system
container pci 0x10000000000000000 #qemu i/o pci
mmio vga-lowmem 0x20000 #qemu i/o vga-lowmem
rom pc.rom 0x20000 #qemu rom pc.rom
ram vga.vram 0x1000000 #qemu ram vga.vram
mmio virtio-pci 0x4000 #qemu i/o virtio-pci
mmio virtio-pci-common-virtio-net 0x1000 #qemu i/o virtio-pci-common-virtio-net
mmio virtio-pci-isr-virtio-net 0x1000 #qemu i/o virtio-pci-isr-virtio-net
mmio virtio-pci-device-virtio-net 0x1000 #qemu i/o virtio-pci-device-virtio-net
mmio virtio-pci-notify-virtio-net 0x1000 #qemu i/o virtio-pci-notify-virtio-net
mmio virtio-pci_2 0x4000 #qemu i/o virtio-pci
mmio virtio-pci-common-virtio-blk 0x1000 #qemu i/o virtio-pci-common-virtio-blk
mmio virtio-pci-isr-virtio-blk 0x1000 #qemu i/o virtio-pci-isr-virtio-blk
mmio virtio-pci-device-virtio-blk 0x1000 #qemu i/o virtio-pci-device-virtio-blk
mmio virtio-pci-notify-virtio-blk 0x1000 #qemu i/o virtio-pci-notify-virtio-blk
mmio e1000-mmio 0x20000 #qemu i/o e1000-mmio
container virtio-net-pci-msix 0x1000 #qemu i/o virtio-net-pci-msix
mmio msix-table 0x40 #qemu i/o msix-table
mmio msix-pba 0x8 #qemu i/o msix-pba
mmio vga.mmio 0x1000 #qemu i/o vga.mmio
mmio edid 0x180 #qemu i/o edid
mmio vga_ioports_remapped 0x20 #qemu i/o vga ioports remapped
mmio bochs_dispi_interface 0x16 #qemu i/o bochs dispi interface
mmio qemu_extended_regs 0x8 #qemu i/o qemu extended regs
container virtio-blk-pci-msix 0x1000 #qemu i/o virtio-blk-pci-msix
mmio msix-table_2 0x20 #qemu i/o msix-table
mmio msix-pba_2 0x8 #qemu i/o msix-pba
rom pc.bios 0x40000 #qemu rom pc.bios
mmio ioapic 0x1000 #qemu i/o ioapic
mmio hpet 0x400 #qemu i/o hpet
mmio apic-msi 0x100000 #qemu i/o apic-msi
container bus_master_container_2 0x10000000000000000 #qemu i/o bus master container
container memory 0x10000000000000000 #qemu i/o memory
mmio io 0x10000 #qemu i/o io
mmio dma-chan 0x8 #qemu i/o dma-chan
mmio dma-cont 0x8 #qemu i/o dma-cont
mmio pic 0x2 #qemu i/o pic
mmio pit 0x4 #qemu i/o pit
mmio i8042-data 0x1 #qemu i/o i8042-data
mmio pcspk 0x1 #qemu i/o pcspk
mmio i8042-cmd 0x1 #qemu i/o i8042-cmd
mmio rtc 0x2 #qemu i/o rtc
mmio rtc-index 0x1 #qemu i/o rtc-index
mmio kvmvapic 0x2 #qemu i/o kvmvapic
mmio ioport80 0x1 #qemu i/o ioport80
mmio dma-page 0x3 #qemu i/o dma-page
mmio dma-page_2 0x1 #qemu i/o dma-page
mmio dma-page_3 0x3 #qemu i/o dma-page
mmio dma-page_4 0x1 #qemu i/o dma-page
mmio port92 0x1 #qemu i/o port92
mmio pic_2 0x2 #qemu i/o pic
mmio apm-io 0x2 #qemu i/o apm-io
mmio dma-chan_2 0x10 #qemu i/o dma-chan
mmio dma-cont_2 0x10 #qemu i/o dma-cont
mmio ioportF0 0x1 #qemu i/o ioportF0
mmio ide 0x8 #qemu i/o ide
mmio vbe 0x4 #qemu i/o vbe
mmio ide_2 0x8 #qemu i/o ide
mmio ide_3 0x1 #qemu i/o ide
mmio vga 0x2 #qemu i/o vga
mmio vga_2 0x1 #qemu i/o vga
mmio vga_3 0x10 #qemu i/o vga
mmio vga_4 0x2 #qemu i/o vga
mmio vga_5 0x1 #qemu i/o vga
mmio fdc 0x5 #qemu i/o fdc
mmio ide_4 0x1 #qemu i/o ide
mmio fdc_2 0x1 #qemu i/o fdc
mmio elcr 0x1 #qemu i/o elcr
mmio elcr_2 0x1 #qemu i/o elcr
mmio fwcfg 0x2 #qemu i/o fwcfg
mmio fwcfg.dma 0x8 #qemu i/o fwcfg.dma
container piix4-pm 0x40 #qemu i/o piix4-pm
mmio acpi-evt 0x4 #qemu i/o acpi-evt
mmio acpi-cnt 0x2 #qemu i/o acpi-cnt
mmio acpi-tmr 0x4 #qemu i/o acpi-tmr
mmio pm-smbus 0x40 #qemu i/o pm-smbus
mmio pci-conf-idx 0x4 #qemu i/o pci-conf-idx
mmio piix3-reset-control 0x1 #qemu i/o piix3-reset-control
mmio pci-conf-data 0x4 #qemu i/o pci-conf-data
mmio vmport 0x1 #qemu i/o vmport
mmio acpi-pci-hotplug 0x18 #qemu i/o acpi-pci-hotplug
mmio acpi-cpu-hotplug 0x20 #qemu i/o acpi-cpu-hotplug
mmio acpi-gpe0 0x4 #qemu i/o acpi-gpe0
mmio virtio-pci_3 0x80 #qemu i/o virtio-pci
mmio e1000-io 0x40 #qemu i/o e1000-io
mmio virtio-pci_4 0x20 #qemu i/o virtio-pci
container piix-bmdma-container 0x10 #qemu i/o piix-bmdma-container
mmio piix-bmdma 0x4 #qemu i/o piix-bmdma
mmio bmdma 0x4 #qemu i/o bmdma
mmio piix-bmdma_2 0x4 #qemu i/o piix-bmdma
mmio bmdma_2 0x4 #qemu i/o bmdma
ram pc.ram 0x140000000 #qemu ram pc.ram
container smram_2 0x100000000 #qemu i/o smram
alias ram-below-4g pc.ram 0x0 0xc0000000 #qemu alias ram-below-4g
alias isa-bios pc.bios 0x20000 0x20000 #qemu alias isa-bios
alias smram-region pci 0xa0000 0x20000 #qemu alias smram-region
alias pam-rom pc.ram 0xc0000 0x4000 #qemu alias pam-rom
alias pam-rom_2 pc.ram 0xc4000 0x4000 #qemu alias pam-rom
alias pam-rom_3 pc.ram 0xc8000 0x4000 #qemu alias pam-rom
alias kvmvapic-rom pc.ram 0xcc000 0x3000 #qemu alias kvmvapic-rom
alias pam-rom_4 pc.ram 0xcc000 0x4000 #qemu alias pam-rom
alias pam-rom_5 pc.ram 0xd0000 0x4000 #qemu alias pam-rom
alias pam-rom_6 pc.ram 0xd4000 0x4000 #qemu alias pam-rom
alias pam-rom_7 pc.ram 0xd8000 0x4000 #qemu alias pam-rom
alias pam-rom_8 pc.ram 0xdc000 0x4000 #qemu alias pam-rom
alias pam-rom_9 pc.ram 0xe0000 0x4000 #qemu alias pam-rom
alias pam-rom_10 pc.ram 0xe4000 0x4000 #qemu alias pam-rom
alias pam-ram pc.ram 0xe8000 0x4000 #qemu alias pam-ram
alias pam-ram_2 pc.ram 0xec000 0x4000 #qemu alias pam-ram
alias pam-rom_11 pc.ram 0xf0000 0x10000 #qemu alias pam-rom
alias ram-above-4g pc.ram 0xc0000000 0x80000000 #qemu alias ram-above-4g
alias bus_master system 0x0 0x10000000000000000 #qemu alias bus master
alias smram smram_2 0x0 0x100000000 #qemu alias smram
alias memory_2 system 0x0 0x10000000000000000 #qemu alias memory
alias smram-low pc.ram 0xa0000 0x20000 #qemu alias smram-low
map smram_2 smram-low 0xa0000 0
map piix-bmdma-container bmdma_2 0xc 0
map piix-bmdma-container piix-bmdma_2 0x8 0
map piix-bmdma-container bmdma 0x4 0
map piix-bmdma-container piix-bmdma 0x0 0
map io piix-bmdma-container 0xc0e0 1
map io virtio-pci_4 0xc0c0 1
map io e1000-io 0xc080 1
map io virtio-pci_3 0xc000 1
map io acpi-gpe0 0xafe0 0
map io acpi-cpu-hotplug 0xaf00 0
map io acpi-pci-hotplug 0xae00 0
map io vmport 0x5658 0
map io pci-conf-data 0xcfc 0
map io piix3-reset-control 0xcf9 1
map io pci-conf-idx 0xcf8 0
map io pm-smbus 0x700 0
map piix4-pm acpi-tmr 0x8 0
map piix4-pm acpi-cnt 0x4 0
map piix4-pm acpi-evt 0x0 0
map io piix4-pm 0x600 0
map io fwcfg.dma 0x514 0
map io fwcfg 0x510 0
map io elcr_2 0x4d1 0
map io elcr 0x4d0 0
map io fdc_2 0x3f7 0
map io ide_4 0x3f6 0
map io fdc 0x3f1 0
map io vga_5 0x3da 0
map io vga_4 0x3d4 0
map io vga_3 0x3c0 0
map io vga_2 0x3ba 0
map io vga 0x3b4 0
map io ide_3 0x376 0
map io ide_2 0x1f0 0
map io vbe 0x1ce 0
map io ide 0x170 0
map io ioportF0 0xf0 0
map io dma-cont_2 0xd0 0
map io dma-chan_2 0xc0 0
map io apm-io 0xb2 0
map io pic_2 0xa0 0
map io port92 0x92 0
map io dma-page_4 0x8f 0
map io dma-page_3 0x89 0
map io dma-page_2 0x87 0
map io dma-page 0x81 0
map io ioport80 0x80 0
map io kvmvapic 0x7e 0
map rtc rtc-index 0x0 0
map io rtc 0x70 0
map io i8042-cmd 0x64 0
map io pcspk 0x61 0
map io i8042-data 0x60 0
map io pit 0x40 0
map io pic 0x20 0
map io dma-cont 0x8 0
map io dma-chan 0x0 0
map memory memory_2 0x0 0
map memory smram 0x0 1
map bus_master_container_2 bus_master 0x0 0
map system ram-above-4g 0x100000000 0
map system apic-msi 0xfee00000 4096
map system hpet 0xfed00000 0
map system ioapic 0xfec00000 0
map system pam-rom_11 0xf0000 1
map system pam-ram_2 0xec000 1
map system pam-ram 0xe8000 1
map system pam-rom_10 0xe4000 1
map system pam-rom_9 0xe0000 1
map system pam-rom_8 0xdc000 1
map system pam-rom_7 0xd8000 1
map system pam-rom_6 0xd4000 1
map system pam-rom_5 0xd0000 1
map system pam-rom_4 0xcc000 1
map system kvmvapic-rom 0xcc000 1000
map system pam-rom_3 0xc8000 1
map system pam-rom_2 0xc4000 1
map system pam-rom 0xc0000 1
map system smram-region 0xa0000 1
map pci pc.bios 0xfffc0000 0
map virtio-blk-pci-msix msix-pba_2 0x800 0
map virtio-blk-pci-msix msix-table_2 0x0 0
map pci virtio-blk-pci-msix 0xfebf2000 1
map vga.mmio qemu_extended_regs 0x600 0
map vga.mmio bochs_dispi_interface 0x500 0
map vga.mmio vga_ioports_remapped 0x400 0
map vga.mmio edid 0x0 0
map pci vga.mmio 0xfebf1000 1
map virtio-net-pci-msix msix-pba 0x800 0
map virtio-net-pci-msix msix-table 0x0 0
map pci virtio-net-pci-msix 0xfebf0000 1
map pci e1000-mmio 0xfebc0000 1
map virtio-pci_2 virtio-pci-notify-virtio-blk 0x3000 0
map virtio-pci_2 virtio-pci-device-virtio-blk 0x2000 0
map virtio-pci_2 virtio-pci-isr-virtio-blk 0x1000 0
map virtio-pci_2 virtio-pci-common-virtio-blk 0x0 0
map pci virtio-pci_2 0xfe004000 1
map virtio-pci virtio-pci-notify-virtio-net 0x3000 0
map virtio-pci virtio-pci-device-virtio-net 0x2000 0
map virtio-pci virtio-pci-isr-virtio-net 0x1000 0
map virtio-pci virtio-pci-common-virtio-net 0x0 0
map pci virtio-pci 0xfe000000 1
map pci vga.vram 0xfd000000 1
map pci isa-bios 0xe0000 1
map pci pc.rom 0xc0000 1
map pci vga-lowmem 0xa0000 1
map system pci 0x0 -1
map system ram-below-4g 0x0 0
space piix3-ide bus_master_container #qemu as piix3-ide
space cpu-memory-0 system #qemu as cpu-memory-0
space memory system #qemu as memory
space e1000 bus_master_container #qemu as e1000
space virtio-blk-pci bus_master_container_2 #qemu as virtio-blk-pci
space cpu-smm-0 memory #qemu as cpu-smm-0
space I_O io pio #qemu as I/O
space virtio-net-pci bus_master_container_2 #qemu as virtio-net-pci
space PIIX4_PM bus_master_container #qemu as PIIX4_PM
space PIIX3 bus_master_container #qemu as PIIX3
space VGA bus_master_container #qemu as VGA
space i440FX bus_master_container #qemu as i440FX
commit
dump
