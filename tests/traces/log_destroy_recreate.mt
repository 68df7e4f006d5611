# A logged ram region destroyed and made anew under the same name inside one
# transaction (found by `memtopo validate` in a 20-minute campaign: its
# pre-commit dirty probe expected the old object's pages back).  Until the
# commit the view still shows the old object; pages written through it are
# never reported (SPEC 9: a destroyed region is never reported), the new
# object's pages are its own.
container sys 0x100000000
ram r 0x3000
space mem sys
map sys r 0x0
log r on
write mem 0x1000 0x1 0x1
begin
unmap sys r
destroy r
ram r 0x2000
log r on
write mem 0x2000 0x4 0x2
map sys r 0x10000
write mem 0x0 0x1 0x3
commit
write mem 0x11000 0x1 0x4
sync
dump
