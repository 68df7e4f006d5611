# errors_exists_notfound: `exists` and `not-found` for every command that has them.
# Region and space names are separate namespaces. `alias` checks `exists` before
# `not-found` TARGET, so `alias a a ...` on a fresh name is not-found (no target a yet);
# `space` likewise checks `exists` before `not-found` ROOT. unmap of a C that is not in P
# is not-found. A failed command changes nothing and prints only its error line.
container sys 0x10000
ram r 0x100
space mem sys
ram r 0x200
mmio r 0x200
container sys 0x10
alias r nosuch 0x0 0x10
alias a nosuch 0x0 0x10
alias a a 0x0 0x10
alias a r 0x0 0x10
alias a r 0x0 0x10
space mem r
space mem2 nosuch
space mem nosuch
ram mem 0x10
space r r
map nosuch r 0x0
map sys nosuch 0x0
map sys r 0x0
unmap sys nosuch
unmap nosuch r
unmap sys a
unmap mem r
move nosuch 0x10
enable nosuch
disable nosuch
destroy nosuch
eventfd-add nosuch 0x0 4 * 1
eventfd-del nosuch 0x0 4 * 1
dump nosuch
dump sys
dump r
