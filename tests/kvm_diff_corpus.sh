#!/bin/sh
# KVM differential over the corpus: each input must print the same on the KVM
# backend as on the reference backend.  Binary fuzz inputs are decoded first;
# after --text, the directories hold trace text (seeds, fuzz_trace inputs,
# malformed lines included) that runs as it is.
# usage: kvm_diff_corpus.sh MEMTOPO DIR... [--text DIR...]   (exit 77 without KVM)
m=$1
shift
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
n=0 bad=0 text=0
for dir in "$@"; do
	if [ "$dir" = --text ]; then
		text=1
		continue
	fi
	for f in "$dir"/*; do
		[ -f "$f" ] || continue
		if [ $text = 1 ]; then
			cp "$f" "$tmp/t.mt"
		else
			"$m" decode "$f" >"$tmp/t.mt" || exit 2
		fi
		"$m" run "$tmp/t.mt" >"$tmp/ref" || exit 2
		"$m" run --backend kvm "$tmp/t.mt" >"$tmp/kvm"
		rc=$?
		[ $rc -eq 77 ] && exit 77
		if [ $rc -ne 0 ] || ! cmp -s "$tmp/ref" "$tmp/kvm"; then
			bad=$((bad + 1))
			echo "DIFFERS: $f (memtopo repro it to see the trace)"
			diff "$tmp/ref" "$tmp/kvm" | head -10
		fi
		n=$((n + 1))
	done
done
echo "$((n - bad)) passed, $bad failed"
[ $bad -eq 0 ]
