# conflict_retry: a tuple the backend refuses (`failed conflict`: same A, both `*`, fd does
# not matter) stays out of the installed set I (dump line 14 shows only fd 7) and is retried
# only at a commit where D changes: not at line 16 (a region-add, D unchanged), again at
# line 17 (refused again, the new 0x1040 tuple is added), and successfully at line 18 once
# the blocker is deleted (the delete precedes the add in the same commit). In one
# transaction (lines 20-23) swapping fd 8 for fd 7 works because deletions come first.
# Line 25: D changes (fd 8, refused at line 24, leaves D) but I = D already: no output.
container sys 0x10000
space mem sys
mmio d 0x100
map sys d 0x1000
eventfd-add d 0x10 4 * 7
eventfd-add d 0x10 4 * 8
dump
ram other 0x10
map sys other 0x2000
eventfd-add d 0x40 4 * 9
eventfd-del d 0x10 4 * 7
dump
begin
eventfd-del d 0x10 4 * 8
eventfd-add d 0x10 4 * 7
commit
eventfd-add d 0x10 4 * 8
eventfd-del d 0x10 4 * 8
dump
