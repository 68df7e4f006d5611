# log flags inside transactions (SPEC section 4 step 3): the commit
# compares each range of both views with the flag it had.
container sys 0x10000000000000000
ram ram0 0x4000
ram ram1 0x1000
mmio dev 0x1000
space mem sys
space mem2 sys
map sys ram0 0x0
map sys dev 0x8000
# on then off in one transaction: nothing to tell
begin
log ram0 on
log ram0 off
commit
# nested: only the outermost commit tells, once per space in creation order
begin
begin
log ram0 on
commit
log ram1 on
commit
# a range that changes (split by an overlay) goes by del/add, each with its
# own view's flag: no log-stop for it
begin
map sys ram1 0x1000 1
log ram0 off
commit
# flag and move in one commit: the old range leaves with ` log`
begin
log ram1 off
log ram0 on
move ram1 0x10000
commit
dump mem
# log on a region nobody shows: nothing to send
ram ram2 0x1000
log ram2 on
# steps in order within each space: region-add (with log), then log-stop
begin
log ram0 off
map sys ram2 0x20000
commit
# a destroyed logged region inside a transaction: its range leaves as it was
begin
log ram1 on
unmap sys ram1
destroy ram1
commit
sync
