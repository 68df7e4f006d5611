# memtopo map: names from #qemu comments may hold anything; the SVG stays well-formed
container sys 0x10000 #qemu i/o a<b>&"c"'d'
mmio dev 0x100 #qemu i/o ÿþ bad utf-8  & <tag>
ram ram.0 0x1000 #qemu ram ]]> <![CDATA[ &amp;
map sys dev 0x1000
map sys ram.0 0x0
eventfd-add dev 0x8 8 0xffffffffffffffff 2147483647
space s.1-x sys #qemu as <s&1>
dump
