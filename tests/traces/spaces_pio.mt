# spaces_pio: several spaces, one with `pio`, two over the same root. Spaces created in an
# open transaction are listed by dump (in creation order) with an empty flat view and an
# empty set until the commit (lines 19, 20), which updates every space in creation order:
# mem, ports, mem2 -- each with its region-dels, region-adds, eventfd-dels, eventfd-adds.
# The same tuple in two spaces never conflicts (collisions are per space). PIO changes no
# output: size 0 is fine on PIO. A region mapped elsewhere may also be a space root (dev).
container sys 0x10000
container io 0x10000
mmio dev 0x100
mmio port 0x10
map sys dev 0x1000
map io port 0x60
eventfd-add dev 0x0 4 * 1
eventfd-add port 0x4 0 * 2
begin
space mem sys
space ports io pio
space mem2 sys
dump
dump ports
commit
begin
move port 0x70
unmap sys dev
commit
space devspace dev
dump ports
dump
