# transactions: `begin` nests and only the outermost `commit` sends operations; the inner
# commit (line 19) prints nothing. dump inside a transaction shows the view and installed
# set as of the last commit (lines 20, 33). A command failing inside a transaction (line
# 21, busy: b is already mapped in the uncommitted tree) prints its error and leaves the
# transaction open. Changes that cancel out (lines 25-26) print nothing. At the end of the
# input the transaction still open (begun at line 28) is committed.
container sys 0x10000
space mem sys
ram a 0x1000
ram b 0x1000
mmio m 0x100
map sys a 0x0
begin
begin
map sys b 0x1000
unmap sys a
map sys m 0x8000
eventfd-add m 0x0 4 * 5
commit
dump
map sys b 0x2000
move b 0x3000
commit
begin
map sys a 0x0
unmap sys a
commit
begin
begin
map sys a 0x0
eventfd-del m 0x0 4 * 5
commit
dump
