# SPEC 10 on a pio space: zones of the port I/O bus hold writes too.
container io 0x10000
mmio port 0x10
map io port 0x3f8
space p io pio
coalesce port 0x0 0x8
write p 0x3f8 1 0x41
write p 0x3fa 2 0x4242
write p 0x3fc 4 0x43434343
write p 0x400 1 0x44        # outside the zone: delivers first
write p 0x3f9 1 0x45
read p 0x3fe 1
write p 0x3f8 1 0x46
uncoalesce port 0x0 0x8     # its commit delivers, then deletes the zone
write p 0x3f8 1 0x47
