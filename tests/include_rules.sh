#!/bin/sh
# The floors of the tree, checked from the #include lines (docs/architecture.md):
#   include/  the public API: system headers and include/ only
#   src/      the library: src/, include/ and system headers (never fuzz/,
#             harness/, tools/)
#   fuzz/     targets, codec, model: fuzz/, include/ (the model shares no code
#             with src/: no src/ header either)
#   harness/  the KVM harness: harness/, include/ (never fuzz/ or tools/)
#   tools/    the memtopo tool: tools/, harness/, fuzz/, include/
#   bench/    include/, harness/, and src/ internals for white-box figures
# A quoted include resolves in the including file's folder first, then in the
# folders its floor may use.  usage: include_rules.sh SRCDIR
cd "${1:-.}" || exit 2
pass=0 fail=0
allowed() { # allowed FLOOR: the folders a floor may include from
	case $1 in
	include) echo "include" ;;
	src) echo "src src/kvm include" ;;
	fuzz) echo "fuzz include" ;;
	harness) echo "harness include" ;;
	tools) echo "tools/memtopo harness fuzz include" ;;
	bench) echo "bench include src harness" ;;
	esac
}
for f in $(git ls-files 'include/*.[ch]' 'src/*.[ch]' 'fuzz/*.[ch]' 'harness/*.[ch]' 'tools/*.[ch]' 'bench/*.[ch]' 2>/dev/null ||
	find include src fuzz harness tools bench -name '*.[ch]'); do
	floor=${f%%/*}
	dir=$(dirname "$f")
	for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
		if [ -f "$dir/$h" ]; then
			pass=$((pass + 1))
			continue
		fi
		found=""
		for d in $(allowed "$floor"); do
			[ -f "$d/$h" ] && { found=$d; break; }
		done
		if [ -n "$found" ]; then
			pass=$((pass + 1))
		else
			where=$(for d in include src src/kvm fuzz harness tools/memtopo; do [ -f "$d/$h" ] && echo "$d"; done | head -1)
			fail=$((fail + 1))
			echo "FAIL: $f includes \"$h\" (${where:-not found}/), which the $floor/ floor may not use"
		fi
	done
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
