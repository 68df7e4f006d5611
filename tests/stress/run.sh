#!/bin/sh
# Stress test: generate a big hostile trace (gen.py KIND N), run it through
# `memtopo run` (exit 0, and every `# expect:` line of the trace must be in
# the output), then, when LOCKSTEP_N is given, a smaller trace of the same
# kind in lockstep against the model (`memtopo repro`: core and model must
# agree).  Bounded in time by N, not by a timer.
#   run.sh MEMTOPO KIND N [LOCKSTEP_N]
set -eu
memtopo=$1 kind=$2 n=$3 small=${4:-}
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/gen.py" "$kind" "$n" >"$tmp/t.mt"
"$memtopo" run "$tmp/t.mt" >"$tmp/out" || { echo "FAIL: memtopo run exited $?"; exit 1; }
sed -n 's/^# expect: //p' "$tmp/t.mt" >"$tmp/expect"
[ -s "$tmp/expect" ] || { echo "FAIL: no expectations"; exit 1; }
while IFS= read -r line; do
	grep -qxF -- "$line" "$tmp/out" || { echo "FAIL: missing output line '$line'"; exit 1; }
done <"$tmp/expect"
echo "ok: $kind $n: $(wc -l <"$tmp/out") output lines"
if [ -n "$small" ]; then
	python3 "$here/gen.py" "$kind" "$small" >"$tmp/s.mt"
	"$memtopo" repro "$tmp/s.mt" >"$tmp/rep" || { tail -20 "$tmp/rep"; echo "FAIL: lockstep"; exit 1; }
	grep -q 'core and model agree' "$tmp/rep" || { tail -3 "$tmp/rep"; echo "FAIL: model gave up at $small"; exit 1; }
	echo "ok: $kind $small in lockstep"
fi
