# errors_eventfd: eventfd-add is not-found, then invalid (region not mmio, or a SPEC 1 rule:
# size in {0,1,2,4,8} -- the SIZE token parses up to 2^64 and a bad value is the command's
# invalid; size 0 needs `*`; data < 2^(8*size); offset+max(size,1) <= region size; fd <
# 2^31 -- an fd >= 2^31 is already a parse-level invalid, `-1` is syntax), then exists
# (identical tuple on the region; `*` tuples ignore data; 0x01 == 0x1). eventfd-del is
# not-found for a missing region or tuple (any field differing, or size 3). Valid limits:
# last bytes of the region, max data per width. Each success commits alone.
container sys 0x10000
space mem sys
mmio d 0x100
ram r 0x100
map sys d 0x1000
eventfd-add r 0x0 4 * 1
eventfd-add d 0x0 3 * 1
eventfd-add d 0x0 16 * 1
eventfd-add d 0x0 0x10000000000000000 * 1
eventfd-add d 0x0 0x10000000000000001 * 1
eventfd-add d 0x0 0 0x0 1
eventfd-add d 0x0 1 0x100 1
eventfd-add d 0x0 2 0x10000 1
eventfd-add d 0x0 4 0x100000000 1
eventfd-add d 0xfd 4 * 1
eventfd-add d 0x100 0 * 1
eventfd-add d 0x0 4 * 2147483648
eventfd-add d 0x0 4 * -1
eventfd-add d 0x0 4 0x1 2147483647
eventfd-add d 0x0 4 0x1 2147483647
eventfd-add d 0x0 4 0x01 2147483647
eventfd-add d 0xfc 4 0xffffffff 0
eventfd-add d 0xff 0 * 3
eventfd-add d 0xfe 1 0xff 3
eventfd-add d 0xf8 8 0xffffffffffffffff 4
eventfd-add d 0xff 0 * 3
eventfd-del d 0x0 4 0x1 7
eventfd-del d 0x0 4 * 2147483647
eventfd-del d 0x0 3 0x1 2147483647
eventfd-del r 0x0 4 0x1 2147483647
eventfd-del d 0xff 0 0x0 3
eventfd-del d 0x0 4 0x1 2147483647
eventfd-del d 0x0 4 0x1 2147483647
dump
