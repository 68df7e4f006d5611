#!/bin/sh
# The importer on a committed capture: import NAME.mtree with NAME.flat,
# check that stderr holds every line of NAME.notes if there is one (fixed
# strings, # for comments), run, print with `memtopo mtree`, compare with
# NAME.flat.  usage: offline.sh MEMTOPO CAPTURE.mtree
m=$1 cap=$2 flat=${2%.mtree}.flat notes=${2%.mtree}.notes
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
"$m" import qemu-mtree "$cap" --flat "$flat" >"$tmp/t.mt" 2>"$tmp/notes" || { cat "$tmp/notes"; exit 1; }
if [ -f "$notes" ]; then
	grep -v '^#' "$notes" | while IFS= read -r want; do
		grep -qF -- "$want" "$tmp/notes" || { echo "FAIL: no note $want"; exit 1; }
	done || { echo "notes were:"; cat "$tmp/notes"; exit 1; }
fi
if "$m" run "$tmp/t.mt" | grep '^error'; then echo "FAIL: the imported trace has errors"; exit 1; fi
"$m" mtree "$tmp/t.mt" >"$tmp/mine" || exit 1
python3 "$here/compare.py" "$flat" "$tmp/mine"
