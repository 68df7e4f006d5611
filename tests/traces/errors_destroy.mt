# errors_destroy: destroy is not-found for an unknown name, busy when the region is mapped
# (even in a parent outside every space), has subregions (a terminal too), is the target
# of an alias (an alias of an alias counts), or is a space root. Once the blocker is gone
# destroy succeeds and frees the name (line 23 re-creates r). Destroying regions that no
# view shows prints nothing; unmapping r from the root (line 27) prints its region-del.
container sys 0x10000
space mem sys
container box 0x1000
ram r 0x100
map box r 0x0
destroy r
destroy box
unmap box r
destroy box
alias a1 r 0x0 0x10
alias a2 a1 0x0 0x10
destroy r
destroy a1
destroy a2
destroy a1
destroy r
destroy r
ram r 0x10
destroy sys
map sys r 0x0
destroy r
unmap sys r
destroy r
ram t 0x100
ram u 0x10
map t u 0x0
destroy t
destroy u
dump
