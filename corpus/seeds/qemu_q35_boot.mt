# imported by memtopo import qemu-mtree from tests/qemu/captures/q35-boot-oD.mtree and tests/qemu/captures/q35-boot-oD.flat
# 201 regions; #qemu comments keep QEMU's kinds and names for memtopo mtree
begin
container bus_master_container 0x10000000000000000 #qemu i/o bus master container
container system 0x10000000000000000 #qemu i/o system
container pci 0x10000000000000000 #qemu i/o pci
mmio vga-lowmem 0x20000 #qemu i/o vga-lowmem
rom pc.rom 0x20000 #qemu rom pc.rom
ram vga.vram 0x1000000 #qemu ram vga.vram
mmio e1000-mmio 0x20000 #qemu i/o e1000-mmio
mmio vga.mmio 0x1000 #qemu i/o vga.mmio
mmio edid 0x180 #qemu i/o edid
mmio vga_ioports_remapped 0x20 #qemu i/o vga ioports remapped
mmio bochs_dispi_interface 0x16 #qemu i/o bochs dispi interface
mmio qemu_extended_regs 0x8 #qemu i/o qemu extended regs
container pcie-root-port-msix 0x1000 #qemu i/o pcie-root-port-msix
mmio msix-table 0x10 #qemu i/o msix-table
mmio msix-pba 0x8 #qemu i/o msix-pba
container pcie-root-port-msix_2 0x1000 #qemu i/o pcie-root-port-msix
mmio msix-table_2 0x10 #qemu i/o msix-table
mmio msix-pba_2 0x8 #qemu i/o msix-pba
mmio ahci 0x1000 #qemu i/o ahci
rom pc.bios 0x40000 #qemu rom pc.bios
container smbase-blackhole 0x20000 #qemu i/o smbase-blackhole
container tseg-blackhole 0x1 #qemu i/o tseg-blackhole
mmio pcie-mmcfg-mmio 0x10000000 #qemu i/o pcie-mmcfg-mmio
mmio ioapic 0x1000 #qemu i/o ioapic
mmio hpet 0x400 #qemu i/o hpet
mmio lpc-rcrb-mmio 0x4000 #qemu i/o lpc-rcrb-mmio
mmio apic-msi 0x100000 #qemu i/o apic-msi
container bus_master_container_2 0x10000000000000000 #qemu i/o bus master container
container bus_master_container_3 0x10000000000000000 #qemu i/o bus master container
container memory 0x10000000000000000 #qemu i/o memory
container bus_master_container_4 0x10000000000000000 #qemu i/o bus master container
container bus_master_container_5 0x10000000000000000 #qemu i/o bus master container
container bus_master_container_6 0x10000000000000000 #qemu i/o bus master container
container bus_master_container_7 0x10000000000000000 #qemu i/o bus master container
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
mmio vbe 0x4 #qemu i/o vbe
mmio vga 0x2 #qemu i/o vga
mmio vga_2 0x1 #qemu i/o vga
mmio vga_3 0x10 #qemu i/o vga
mmio vga_4 0x2 #qemu i/o vga
mmio vga_5 0x1 #qemu i/o vga
mmio elcr 0x1 #qemu i/o elcr
mmio elcr_2 0x1 #qemu i/o elcr
mmio fwcfg 0x2 #qemu i/o fwcfg
mmio fwcfg.dma 0x8 #qemu i/o fwcfg.dma
container ich9-pm 0x80 #qemu i/o ich9-pm
mmio acpi-evt 0x4 #qemu i/o acpi-evt
mmio acpi-cnt 0x2 #qemu i/o acpi-cnt
mmio acpi-tmr 0x4 #qemu i/o acpi-tmr
mmio acpi-gpe0 0x10 #qemu i/o acpi-gpe0
mmio acpi-smi 0x8 #qemu i/o acpi-smi
mmio sm-tco 0x20 #qemu i/o sm-tco
mmio pm-smbus 0x40 #qemu i/o pm-smbus
mmio acpi-pci-hotplug 0x18 #qemu i/o acpi-pci-hotplug
mmio acpi-cpu-hotplug 0x20 #qemu i/o acpi-cpu-hotplug
mmio pci-conf-idx 0x4 #qemu i/o pci-conf-idx
mmio lpc-reset-control 0x1 #qemu i/o lpc-reset-control
mmio pci-conf-data 0x4 #qemu i/o pci-conf-data
mmio vmport 0x1 #qemu i/o vmport
mmio e1000-io 0x40 #qemu i/o e1000-io
mmio ahci-idp 0x20 #qemu i/o ahci-idp
container bus_master_container_8 0x10000000000000000 #qemu i/o bus master container
container bus_master_container_9 0x10000000000000000 #qemu i/o bus master container
container bus_master_container_10 0x10000000000000000 #qemu i/o bus master container
container bus_master_container_11 0x10000000000000000 #qemu i/o bus master container
container bus_master_container_12 0x10000000000000000 #qemu i/o bus master container
ram pc.ram 0x140000000 #qemu ram pc.ram
container pci_bridge_pci 0x10000000000000000 #qemu i/o pci_bridge_pci
container virtio-pci 0x4000 #qemu i/o virtio-pci
mmio virtio-pci-common-virtio-blk 0x1000 #qemu i/o virtio-pci-common-virtio-blk
mmio virtio-pci-isr-virtio-blk 0x1000 #qemu i/o virtio-pci-isr-virtio-blk
mmio virtio-pci-device-virtio-blk 0x1000 #qemu i/o virtio-pci-device-virtio-blk
mmio virtio-pci-notify-virtio-blk 0x1000 #qemu i/o virtio-pci-notify-virtio-blk
container virtio-blk-pci-msix 0x1000 #qemu i/o virtio-blk-pci-msix
mmio msix-table_3 0x20 #qemu i/o msix-table
mmio msix-pba_3 0x8 #qemu i/o msix-pba
container pci_bridge_pci_2 0x10000000000000000 #qemu i/o pci_bridge_pci
container smram_2 0x100000000 #qemu i/o smram
container pci_bridge_io_3 0x100000000 #qemu i/o pci_bridge_io
container pci_bridge_io_4 0x100000000 #qemu i/o pci_bridge_io
container pci_bridge_pci_3 0x10000000000000000 #qemu i/o pci_bridge_pci
container pci_bridge_io_6 0x100000000 #qemu i/o pci_bridge_io
container pci_bridge_pci_4 0x10000000000000000 #qemu i/o pci_bridge_pci
container virtio-pci_2 0x4000 #qemu i/o virtio-pci
mmio virtio-pci-common-virtio-net 0x1000 #qemu i/o virtio-pci-common-virtio-net
mmio virtio-pci-isr-virtio-net 0x1000 #qemu i/o virtio-pci-isr-virtio-net
mmio virtio-pci-device-virtio-net 0x1000 #qemu i/o virtio-pci-device-virtio-net
mmio virtio-pci-notify-virtio-net 0x1000 #qemu i/o virtio-pci-notify-virtio-net
container virtio-net-pci-msix 0x1000 #qemu i/o virtio-net-pci-msix
mmio msix-table_4 0x40 #qemu i/o msix-table
mmio msix-pba_4 0x8 #qemu i/o msix-pba
container pci_bridge_io_8 0x100000000 #qemu i/o pci_bridge_io
alias bus_master system 0x0 0x10000000000000000 #qemu alias bus master
alias ram-below-4g pc.ram 0x0 0x80000000 #qemu alias ram-below-4g
alias isa-bios pc.bios 0x20000 0x20000 #qemu alias isa-bios
alias pci_bridge_pref_mem pci_bridge_pci 0xfe000000 0x200000 #qemu alias pci_bridge_pref_mem
alias pci_bridge_pref_mem_2 pci_bridge_pci_2 0xfe200000 0x200000 #qemu alias pci_bridge_pref_mem
alias pci_bridge_mem pci_bridge_pci 0xfe600000 0x200000 #qemu alias pci_bridge_mem
alias pci_bridge_mem_2 pci_bridge_pci_2 0xfe800000 0x200000 #qemu alias pci_bridge_mem
alias smram-region pci 0xa0000 0x20000 #qemu alias smram-region
alias pam-ram pc.ram 0xc0000 0x4000 #qemu alias pam-ram
alias pam-pci pc.ram 0xc0000 0x4000 #qemu alias pam-pci
alias pam-rom pc.ram 0xc0000 0x4000 #qemu alias pam-rom
alias pam-pci_2 pci 0xc0000 0x4000 #qemu alias pam-pci
alias pam-ram_2 pc.ram 0xc4000 0x4000 #qemu alias pam-ram
alias pam-pci_3 pc.ram 0xc4000 0x4000 #qemu alias pam-pci
alias pam-rom_2 pc.ram 0xc4000 0x4000 #qemu alias pam-rom
alias pam-pci_4 pci 0xc4000 0x4000 #qemu alias pam-pci
alias pam-ram_3 pc.ram 0xc8000 0x4000 #qemu alias pam-ram
alias pam-pci_5 pc.ram 0xc8000 0x4000 #qemu alias pam-pci
alias pam-rom_3 pc.ram 0xc8000 0x4000 #qemu alias pam-rom
alias pam-pci_6 pci 0xc8000 0x4000 #qemu alias pam-pci
alias kvmvapic-rom pc.ram 0xcc000 0x3000 #qemu alias kvmvapic-rom
alias pam-ram_4 pc.ram 0xcc000 0x4000 #qemu alias pam-ram
alias pam-pci_7 pc.ram 0xcc000 0x4000 #qemu alias pam-pci
alias pam-rom_4 pc.ram 0xcc000 0x4000 #qemu alias pam-rom
alias pam-pci_8 pci 0xcc000 0x4000 #qemu alias pam-pci
alias pam-ram_5 pc.ram 0xd0000 0x4000 #qemu alias pam-ram
alias pam-pci_9 pc.ram 0xd0000 0x4000 #qemu alias pam-pci
alias pam-rom_5 pc.ram 0xd0000 0x4000 #qemu alias pam-rom
alias pam-pci_10 pci 0xd0000 0x4000 #qemu alias pam-pci
alias pam-ram_6 pc.ram 0xd4000 0x4000 #qemu alias pam-ram
alias pam-pci_11 pc.ram 0xd4000 0x4000 #qemu alias pam-pci
alias pam-rom_6 pc.ram 0xd4000 0x4000 #qemu alias pam-rom
alias pam-pci_12 pci 0xd4000 0x4000 #qemu alias pam-pci
alias pam-ram_7 pc.ram 0xd8000 0x4000 #qemu alias pam-ram
alias pam-pci_13 pc.ram 0xd8000 0x4000 #qemu alias pam-pci
alias pam-rom_7 pc.ram 0xd8000 0x4000 #qemu alias pam-rom
alias pam-pci_14 pci 0xd8000 0x4000 #qemu alias pam-pci
alias pam-ram_8 pc.ram 0xdc000 0x4000 #qemu alias pam-ram
alias pam-pci_15 pc.ram 0xdc000 0x4000 #qemu alias pam-pci
alias pam-rom_8 pc.ram 0xdc000 0x4000 #qemu alias pam-rom
alias pam-pci_16 pci 0xdc000 0x4000 #qemu alias pam-pci
alias pam-ram_9 pc.ram 0xe0000 0x4000 #qemu alias pam-ram
alias pam-pci_17 pc.ram 0xe0000 0x4000 #qemu alias pam-pci
alias pam-rom_9 pc.ram 0xe0000 0x4000 #qemu alias pam-rom
alias pam-pci_18 pci 0xe0000 0x4000 #qemu alias pam-pci
alias pam-ram_10 pc.ram 0xe4000 0x4000 #qemu alias pam-ram
alias pam-pci_19 pc.ram 0xe4000 0x4000 #qemu alias pam-pci
alias pam-rom_10 pc.ram 0xe4000 0x4000 #qemu alias pam-rom
alias pam-pci_20 pci 0xe4000 0x4000 #qemu alias pam-pci
alias pam-ram_11 pc.ram 0xe8000 0x4000 #qemu alias pam-ram
alias pam-pci_21 pc.ram 0xe8000 0x4000 #qemu alias pam-pci
alias pam-rom_11 pc.ram 0xe8000 0x4000 #qemu alias pam-rom
alias pam-pci_22 pci 0xe8000 0x4000 #qemu alias pam-pci
alias pam-ram_12 pc.ram 0xec000 0x4000 #qemu alias pam-ram
alias pam-pci_23 pc.ram 0xec000 0x4000 #qemu alias pam-pci
alias pam-rom_12 pc.ram 0xec000 0x4000 #qemu alias pam-rom
alias pam-pci_24 pci 0xec000 0x4000 #qemu alias pam-pci
alias pam-ram_13 pc.ram 0xf0000 0x10000 #qemu alias pam-ram
alias pam-pci_25 pc.ram 0xf0000 0x10000 #qemu alias pam-pci
alias pam-rom_13 pc.ram 0xf0000 0x10000 #qemu alias pam-rom
alias pam-pci_26 pci 0xf0000 0x10000 #qemu alias pam-pci
alias smram-open-high pc.ram 0xa0000 0x20000 #qemu alias smram-open-high
alias ram-above-4g pc.ram 0x80000000 0xc0000000 #qemu alias ram-above-4g
alias bus_master_2 system 0x0 0x10000000000000000 #qemu alias bus master
alias bus_master_3 system 0x0 0x10000000000000000 #qemu alias bus master
alias smram smram_2 0x0 0x100000000 #qemu alias smram
alias memory_2 system 0x0 0x10000000000000000 #qemu alias memory
alias bus_master_4 system 0x0 0x10000000000000000 #qemu alias bus master
alias bus_master_5 system 0x0 0x10000000000000000 #qemu alias bus master
alias bus_master_6 system 0x0 0x10000000000000000 #qemu alias bus master
alias bus_master_7 system 0x0 0x10000000000000000 #qemu alias bus master
alias pci_bridge_io pci_bridge_io_3 0xc000 0x1 #qemu alias pci_bridge_io
alias pci_bridge_io_2 pci_bridge_io_4 0xc000 0x1 #qemu alias pci_bridge_io
alias bus_master_8 system 0x0 0x10000000000000000 #qemu alias bus master
alias bus_master_9 system 0x0 0x10000000000000000 #qemu alias bus master
alias bus_master_10 system 0x0 0x10000000000000000 #qemu alias bus master
alias bus_master_11 system 0x0 0x10000000000000000 #qemu alias bus master
alias bus_master_12 system 0x0 0x10000000000000000 #qemu alias bus master
alias pci_bridge_pref_mem_3 pci_bridge_pci_3 0xfe200000 0x200000 #qemu alias pci_bridge_pref_mem
alias pci_bridge_mem_3 pci_bridge_pci_3 0xfe800000 0x200000 #qemu alias pci_bridge_mem
alias smbase-window pc.ram 0x30000 0x20000 #qemu alias smbase-window
alias smram-low pc.ram 0xa0000 0x20000 #qemu alias smram-low
alias tseg-window pc.ram 0x80000000 0x1 #qemu alias tseg-window
alias smram-high pc.ram 0xa0000 0x20000 #qemu alias smram-high
alias pci_bridge_io_5 pci_bridge_io_6 0xc000 0x1 #qemu alias pci_bridge_io
alias pci_bridge_pref_mem_4 pci_bridge_pci_4 0xfe200000 0x200000 #qemu alias pci_bridge_pref_mem
alias pci_bridge_mem_4 pci_bridge_pci_4 0xfe800000 0x200000 #qemu alias pci_bridge_mem
alias pci_bridge_io_7 pci_bridge_io_8 0xc000 0x1 #qemu alias pci_bridge_io
map virtio-net-pci-msix msix-pba_4 0x800 0
map virtio-net-pci-msix msix-table_4 0x0 0
map pci_bridge_pci_4 virtio-net-pci-msix 0xfe840000 1
map virtio-pci_2 virtio-pci-notify-virtio-net 0x3000 0
map virtio-pci_2 virtio-pci-device-virtio-net 0x2000 0
map virtio-pci_2 virtio-pci-isr-virtio-net 0x1000 0
map virtio-pci_2 virtio-pci-common-virtio-net 0x0 0
map pci_bridge_pci_4 virtio-pci_2 0xfe200000 1
map pci_bridge_io_6 pci_bridge_io_7 0xc000 1
map pci_bridge_pci_3 pci_bridge_mem_4 0xfe800000 1
map pci_bridge_pci_3 pci_bridge_pref_mem_4 0xfe200000 1
map pci_bridge_io_4 pci_bridge_io_5 0xc000 1
map smram_2 smram-high 0xfeda0000 0
map smram_2 tseg-window 0x80000000 0
map smram_2 smram-low 0xa0000 0
map smram_2 smbase-window 0x30000 0
map pci_bridge_pci_2 pci_bridge_mem_3 0xfe800000 1
map pci_bridge_pci_2 pci_bridge_pref_mem_3 0xfe200000 1
map virtio-blk-pci-msix msix-pba_3 0x800 0
map virtio-blk-pci-msix msix-table_3 0x0 0
map pci_bridge_pci virtio-blk-pci-msix 0xfe600000 1
map virtio-pci virtio-pci-notify-virtio-blk 0x3000 0
map virtio-pci virtio-pci-device-virtio-blk 0x2000 0
map virtio-pci virtio-pci-isr-virtio-blk 0x1000 0
map virtio-pci virtio-pci-common-virtio-blk 0x0 0
map pci_bridge_pci virtio-pci 0xfe000000 1
map bus_master_container_12 bus_master_12 0x0 0
map bus_master_container_11 bus_master_11 0x0 0
map bus_master_container_10 bus_master_10 0x0 0
map bus_master_container_9 bus_master_9 0x0 0
map bus_master_container_8 bus_master_8 0x0 0
map io ahci-idp 0xc080 1
map io e1000-io 0xc000 1
map io pci_bridge_io_2 0xc000 1
map io pci_bridge_io 0xc000 1
map io vmport 0x5658 0
map io pci-conf-data 0xcfc 0
map io lpc-reset-control 0xcf9 1
map io pci-conf-idx 0xcf8 0
map io acpi-cpu-hotplug 0xcd8 0
map io acpi-pci-hotplug 0xcc0 0
map io pm-smbus 0x700 1
map ich9-pm sm-tco 0x60 0
map ich9-pm acpi-smi 0x30 0
map ich9-pm acpi-gpe0 0x20 0
map ich9-pm acpi-tmr 0x8 0
map ich9-pm acpi-cnt 0x4 0
map ich9-pm acpi-evt 0x0 0
map io ich9-pm 0x600 0
map io fwcfg.dma 0x514 0
map io fwcfg 0x510 0
map io elcr_2 0x4d1 0
map io elcr 0x4d0 0
map io vga_5 0x3da 0
map io vga_4 0x3d4 0
map io vga_3 0x3c0 0
map io vga_2 0x3ba 0
map io vga 0x3b4 0
map io vbe 0x1ce 0
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
map bus_master_container_7 bus_master_7 0x0 0
map bus_master_container_6 bus_master_6 0x0 0
map bus_master_container_5 bus_master_5 0x0 0
map bus_master_container_4 bus_master_4 0x0 0
map memory memory_2 0x0 0
map memory smram 0x0 1
map bus_master_container_3 bus_master_3 0x0 0
map bus_master_container_2 bus_master_2 0x0 0
map system ram-above-4g 0x100000000 0
map system apic-msi 0xfee00000 4096
map system smram-open-high 0xfeda0000 1
map system lpc-rcrb-mmio 0xfed1c000 1
map system hpet 0xfed00000 0
map system ioapic 0xfec00000 0
map system pcie-mmcfg-mmio 0xb0000000 0
map system tseg-blackhole 0x80000000 1
map system pam-pci_26 0xf0000 1
map system pam-rom_13 0xf0000 1
map system pam-pci_25 0xf0000 1
map system pam-ram_13 0xf0000 1
map system pam-pci_24 0xec000 1
map system pam-rom_12 0xec000 1
map system pam-pci_23 0xec000 1
map system pam-ram_12 0xec000 1
map system pam-pci_22 0xe8000 1
map system pam-rom_11 0xe8000 1
map system pam-pci_21 0xe8000 1
map system pam-ram_11 0xe8000 1
map system pam-pci_20 0xe4000 1
map system pam-rom_10 0xe4000 1
map system pam-pci_19 0xe4000 1
map system pam-ram_10 0xe4000 1
map system pam-pci_18 0xe0000 1
map system pam-rom_9 0xe0000 1
map system pam-pci_17 0xe0000 1
map system pam-ram_9 0xe0000 1
map system pam-pci_16 0xdc000 1
map system pam-rom_8 0xdc000 1
map system pam-pci_15 0xdc000 1
map system pam-ram_8 0xdc000 1
map system pam-pci_14 0xd8000 1
map system pam-rom_7 0xd8000 1
map system pam-pci_13 0xd8000 1
map system pam-ram_7 0xd8000 1
map system pam-pci_12 0xd4000 1
map system pam-rom_6 0xd4000 1
map system pam-pci_11 0xd4000 1
map system pam-ram_6 0xd4000 1
map system pam-pci_10 0xd0000 1
map system pam-rom_5 0xd0000 1
map system pam-pci_9 0xd0000 1
map system pam-ram_5 0xd0000 1
map system pam-pci_8 0xcc000 1
map system pam-rom_4 0xcc000 1
map system pam-pci_7 0xcc000 1
map system pam-ram_4 0xcc000 1
map system kvmvapic-rom 0xcc000 1000
map system pam-pci_6 0xc8000 1
map system pam-rom_3 0xc8000 1
map system pam-pci_5 0xc8000 1
map system pam-ram_3 0xc8000 1
map system pam-pci_4 0xc4000 1
map system pam-rom_2 0xc4000 1
map system pam-pci_3 0xc4000 1
map system pam-ram_2 0xc4000 1
map system pam-pci_2 0xc0000 1
map system pam-rom 0xc0000 1
map system pam-pci 0xc0000 1
map system pam-ram 0xc0000 1
map system smram-region 0xa0000 1
map system smbase-blackhole 0x30000 1
map pci pc.bios 0xfffc0000 0
map pci ahci 0xfea73000 1
map pcie-root-port-msix_2 msix-pba_2 0x800 0
map pcie-root-port-msix_2 msix-table_2 0x0 0
map pci pcie-root-port-msix_2 0xfea72000 1
map pcie-root-port-msix msix-pba 0x800 0
map pcie-root-port-msix msix-table 0x0 0
map pci pcie-root-port-msix 0xfea71000 1
map vga.mmio qemu_extended_regs 0x600 0
map vga.mmio bochs_dispi_interface 0x500 0
map vga.mmio vga_ioports_remapped 0x400 0
map vga.mmio edid 0x0 0
map pci vga.mmio 0xfea70000 1
map pci e1000-mmio 0xfea40000 1
map pci pci_bridge_mem_2 0xfe800000 1
map pci pci_bridge_mem 0xfe600000 1
map pci pci_bridge_pref_mem_2 0xfe200000 1
map pci pci_bridge_pref_mem 0xfe000000 1
map pci vga.vram 0xfd000000 1
map pci isa-bios 0xe0000 1
map pci pc.rom 0xc0000 1
map pci vga-lowmem 0xa0000 1
map system pci 0x0 -1
map system ram-below-4g 0x0 0
map bus_master_container bus_master 0x0 0
disable bus_master
disable smbase-blackhole
disable pam-ram
disable pam-pci
disable pam-pci_2
disable pam-ram_2
disable pam-pci_3
disable pam-pci_4
disable pam-ram_3
disable pam-pci_5
disable pam-pci_6
disable pam-ram_4
disable pam-pci_7
disable pam-pci_8
disable pam-ram_5
disable pam-pci_9
disable pam-pci_10
disable pam-ram_6
disable pam-pci_11
disable pam-pci_12
disable pam-ram_7
disable pam-pci_13
disable pam-pci_14
disable pam-ram_8
disable pam-pci_15
disable pam-pci_16
disable pam-ram_9
disable pam-pci_17
disable pam-pci_18
disable pam-ram_10
disable pam-pci_19
disable pam-pci_20
disable pam-pci_21
disable pam-rom_11
disable pam-pci_22
disable pam-pci_23
disable pam-rom_12
disable pam-pci_24
disable pam-ram_13
disable pam-pci_25
disable pam-pci_26
disable tseg-blackhole
disable smram-open-high
disable bus_master_2
disable bus_master_3
disable bus_master_4
disable bus_master_5
disable bus_master_6
disable bus_master_10
disable bus_master_11
disable bus_master_12
disable smbase-window
disable tseg-window
disable smram-high
space VGA bus_master_container #qemu as VGA
space cpu-memory-0 system #qemu as cpu-memory-0
space memory system #qemu as memory
space virtio-net-pci bus_master_container_2 #qemu as virtio-net-pci
space pcie-root-port bus_master_container_3 #qemu as pcie-root-port
space cpu-smm-0 memory #qemu as cpu-smm-0
space ICH9-LPC bus_master_container_4 #qemu as ICH9-LPC
space ICH9-SMB bus_master_container_5 #qemu as ICH9-SMB
space mch bus_master_container_6 #qemu as mch
space ich9-ahci bus_master_container_7 #qemu as ich9-ahci
space I_O io pio #qemu as I/O
space virtio-blk-pci bus_master_container_8 #qemu as virtio-blk-pci
space e1000 bus_master_container_9 #qemu as e1000
space pcie-root-port_2 bus_master_container_10 #qemu as pcie-root-port
space x3130-upstream bus_master_container_11 #qemu as x3130-upstream
space xio3130-downstream bus_master_container_12 #qemu as xio3130-downstream
commit
dump
