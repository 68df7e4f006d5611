#!/bin/sh
# Hostile input and resource exhaustion at the tool's edge (issue 15):
#  - 1 MiB of random bytes (and of random trace-like text) to every
#    subcommand: exit 0, 1, 2 or 77 only, never a signal;
#  - a 1M-line trace runs to its end with bounded memory;
#  - traces under a small `ulimit -v`: allocations fail somewhere mid-run,
#    the tool still exits 0 or 2 (with a message), never crashes.
# With VALGRIND set (a command prefix), the random-bytes runs go through it
# too (exit 99 = a memory error or leak).
#   hostile.sh MEMTOPO SRCDIR
m=$1 src=$2
pass=0 fail=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

ok_rc() { # ok_rc DESC RC ALLOWED...
	desc=$1 rc=$2
	shift 2
	for a in "$@"; do
		if [ "$rc" = "$a" ]; then pass=$((pass + 1)); return; fi
	done
	fail=$((fail + 1))
	echo "FAIL: $desc: exit $rc (allowed: $*)"
	head -c 400 "$tmp/err" | sed 's/^/  | /'
}

head -c 1048576 /dev/urandom >"$tmp/rand"
python3 - "$tmp/text" <<'PY'
import random, sys
r = random.Random(15)
words = ["container", "ram", "rom", "mmio", "alias", "map", "unmap", "move",
         "enable", "disable", "destroy", "eventfd-add", "eventfd-del", "space",
         "begin", "commit", "dump", "pio", "*", "0x0", "0x1000", "-1",
         "0x10000000000000000", "a", "b", "c", "s", "\t", "#", "\r"]
out = []
while sum(map(len, out)) < 1 << 20:
    out.append(" ".join(r.choice(words) for _ in range(r.randrange(1, 7))) + "\n")
open(sys.argv[1], "w").write("".join(out))
PY
for f in rand text; do
	for c in "run" "run -v" "decode" "repro" "repro --target fuzz_trace" "validate"; do
		# shellcheck disable=SC2086
		${VALGRIND:-} "$m" $c "$tmp/$f" >/dev/null 2>"$tmp/err"
		ok_rc "$c on 1 MiB of $f" $? 0 1 2 77
	done
	${VALGRIND:-} "$m" encode "$tmp/$f" -o "$tmp/enc" >/dev/null 2>"$tmp/err"
	ok_rc "encode on 1 MiB of $f" $? 0 2
done

# 1M lines: runs to its end; the output is streamed, so RSS stays small.
python3 "$src/tests/stress/gen.py" long 1000000 >"$tmp/long.mt"
"$m" run "$tmp/long.mt" >"$tmp/long.out" 2>"$tmp/err"
ok_rc "1M-line trace" $? 0
if [ "$(wc -l <"$tmp/long.out")" -ge 2000000 ] &&
	tail -2 "$tmp/long.out" | grep -q "0xfe000040 0x2 \* 5"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: 1M-line trace output incomplete"
fi

# Out of memory mid-run: a small address-space limit (sanitizer builds
# reserve terabytes of shadow, so they skip this part).
if [ -z "${MEMTOPO_SANITIZED:-}" ]; then
	python3 "$src/tests/stress/gen.py" wide 60000 >"$tmp/wide.mt"
	for kb in 40000 60000 90000 140000; do
		(ulimit -v $kb; exec "$m" run "$tmp/wide.mt") >"$tmp/oom.out" 2>"$tmp/err"
		rc=$?
		ok_rc "wide trace under ulimit -v $kb" $rc 0 2
		if [ "$rc" = 2 ] && ! grep -q "out of memory" "$tmp/err"; then
			fail=$((fail + 1)); echo "FAIL: ulimit -v $kb: exit 2 without a message"
		fi
	done
fi

echo "hostile: $pass passed, $fail failed"
[ "$fail" = 0 ]
