#!/bin/sh
# Replay inputs through an AFL++-built target (libAFLDriver runs a file given
# as its argument once, outside afl-fuzz).  usage: replay_afl.sh TARGET DIR|FILE...
target=$1
shift
n=0
for arg in "$@"; do
	if [ -d "$arg" ]; then set -- "$arg"/*; else set -- "$arg"; fi
	for f in "$@"; do
		[ -f "$f" ] || continue
		"$target" "$f" >/dev/null 2>"${TMPDIR:-/tmp}/replay_afl.$$" || {
			echo "FAIL: $f" >&2
			cat "${TMPDIR:-/tmp}/replay_afl.$$" >&2
			rm -f "${TMPDIR:-/tmp}/replay_afl.$$"
			exit 1
		}
		n=$((n + 1))
	done
done
rm -f "${TMPDIR:-/tmp}/replay_afl.$$"
echo "replayed $n inputs"
