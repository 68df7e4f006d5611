#!/bin/sh
# KVM differential over binary fuzz inputs: each decoded trace must print the
# same on the KVM backend as on the reference backend.
# usage: kvm_diff_corpus.sh MEMTOPO DIR...   (exit 77 without KVM)
m=$1
shift
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
n=0 bad=0
for dir in "$@"; do
	for f in "$dir"/*; do
		[ -f "$f" ] || continue
		"$m" decode "$f" >"$tmp/t.mt" || exit 2
		"$m" run "$tmp/t.mt" >"$tmp/ref" || exit 2
		"$m" run --backend kvm "$tmp/t.mt" >"$tmp/kvm"
		rc=$?
		[ $rc -eq 77 ] && exit 77
		if [ $rc -ne 0 ] || ! cmp -s "$tmp/ref" "$tmp/kvm"; then
			bad=$((bad + 1))
			echo "DIFFERS: $f (memtopo repro/decode it to see the trace)"
			diff "$tmp/ref" "$tmp/kvm" | head -10
		fi
		n=$((n + 1))
	done
done
echo "$((n - bad)) passed, $bad failed"
[ $bad -eq 0 ]
