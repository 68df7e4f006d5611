# lex_names: names are [A-Za-z0-9_.-]{1,64}: 64 characters are fine, 65 are syntax, as is
# any other character. Regions and spaces have separate namespaces. Blanks are spaces and
# tabs (and a trailing CR, project decision: line 26 ends in CR LF); `#` starts a comment
# anywhere, even glued to a token. Unknown commands (commands are case-sensitive: RAM is
# unknown) and wrong argument counts are syntax. Blank and comment lines still count for LINE.
container sys 0x10000
space mem sys
ram mem 0x10
map sys mem 0x0#glued comment
	  ram	 Az.-_09	0x10  	
map sys Az.-_09 0x10
ram NabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ 0x10
map sys NabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ 0x20
ram NabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_x 0x10
ram a/b 0x10
ram a,b 0x10

   # an indented comment line
frobnicate sys
RAM x 0x10
ram x
ram x 0x10 0x20
unmap sys
begin now
dump mem extra
ram crlf 0x10
map sys crlf 0x30
space mem sys
dump#glued
