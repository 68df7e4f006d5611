#!/bin/sh
# The memtopo tool's contract beyond the trace output: exit codes, usage
# errors, stdin, unreadable files, clear messages.  usage: cli.sh MEMTOPO SRCDIR
m=$1 src=$2
pass=0 fail=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

expect() { # expect DESC WANT_RC CMD... ; stdout/stderr kept in $tmp/out, $tmp/err
	desc=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" = "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $desc: exit $rc, want $want"
		sed 's/^/  | /' "$tmp/err"
	fi
}
grep_err() { # grep_err DESC PATTERN
	if grep -q -- "$2" "$tmp/err"; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL: $1: stderr lacks '$2'"; sed 's/^/  | /' "$tmp/err"; fi
}

expect "no command" 2 "$m"
grep_err "no command prints usage" "usage: memtopo"
expect "--help" 0 "$m" --help
for c in run decode encode repro validate host import mtree map; do
	expect "$c --help" 0 "$m" $c --help
	if grep -q "^usage: memtopo $c" "$tmp/out"; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL: $c --help prints no usage on stdout"; fi
	expect "$c -h" 0 "$m" $c -h
done
expect "usage error shows the usage" 2 "$m" decode a b
grep_err "decode usage on a usage error" "usage: memtopo decode"
expect "unknown command" 2 "$m" frobnicate
grep_err "unknown command named" "unknown command 'frobnicate'"
expect "run without file" 2 "$m" run
grep_err "run without file says so" "missing FILE"
expect "run missing file" 2 "$m" run "$tmp/nope.mt"
grep_err "missing file named" "nope.mt"
expect "run unknown backend" 2 "$m" run --backend xen "$src/examples/spec-example.mt"
grep_err "unknown backend named" "unknown backend 'xen'"
expect "run unknown dirty mode" 2 "$m" run --backend kvm --dirty pml "$src/examples/spec-example.mt"
grep_err "unknown dirty mode named with the choices" "unknown dirty mode 'pml' (bitmap, ring or clear)"
expect "run --dirty without kvm" 2 "$m" run --dirty ring "$src/examples/spec-example.mt"
grep_err "--dirty needs kvm" "needs --backend kvm"
expect "run directory" 2 "$m" run "$tmp"
expect "run example" 0 "$m" run "$src/examples/spec-example.mt"
cp "$tmp/out" "$tmp/want"
expect "run from stdin" 0 sh -c "\"$m\" run - < \"$src/examples/spec-example.mt\""
if cmp -s "$tmp/out" "$tmp/want"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: stdin output differs"; fi
sed 's/$/\r/' "$src/examples/spec-example.mt" >"$tmp/crlf.mt"
expect "run CRLF trace" 0 "$m" run "$tmp/crlf.mt"
if cmp -s "$tmp/out" "$tmp/want"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: CRLF output differs"; fi
printf 'bogus\nram r 0x10000000000000001\nmap a b\n' >"$tmp/bad.mt"
expect "errors still exit 0" 0 "$m" run -v "$tmp/bad.mt"
printf 'error 1 syntax\nerror 2 invalid\nerror 3 syntax\n' >"$tmp/bad.want"
if cmp -s "$tmp/out" "$tmp/bad.want"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: error lines"; cat "$tmp/out"; fi
grep_err "-v explains errors" "line 1: syntax error"
head -c 3000 /dev/urandom >"$tmp/noise.mt"
expect "binary noise as a trace" 0 "$m" run "$tmp/noise.mt"
expect "decode without input" 2 "$m" decode
expect "encode without input" 2 "$m" encode
expect "repro without input" 2 "$m" repro
expect "repro unknown target" 2 "$m" repro --target nope "$src/examples/spec-example.mt"
expect "repro agrees on the example" 0 "$m" repro "$src/examples/spec-example.mt"
# validate: usage errors come before any KVM check, so they hold with or without /dev/kvm
expect "validate without input" 2 "$m" validate
grep_err "validate usage lists --text" "validate --text DIR"
expect "validate unknown flag" 2 "$m" validate --bogus "$tmp"
expect "validate missing file" 2 "$m" validate "$tmp/nope.mt"
grep_err "validate names the missing file" "nope.mt"
expect "validate --text on a file" 2 "$m" validate --text "$src/examples/spec-example.mt"
grep_err "validate --text wants a directory" "not a directory"
# map: usage and I/O errors exit 2 with a message naming the problem
ex="$src/examples/spec-example.mt"
expect "map without -o" 2 "$m" map "$ex"
grep_err "map says -o is missing" "missing -o OUT.svg"
expect "map without input" 2 "$m" map -o "$tmp/x.svg"
grep_err "map says FILE is missing" "missing FILE.mt"
expect "map missing file" 2 "$m" map "$tmp/nope.mt" -o "$tmp/x.svg"
grep_err "map names the missing file" "nope.mt"
expect "map directory as input" 2 "$m" map "$tmp" -o "$tmp/x.svg"
expect "map unwritable output" 2 "$m" map "$ex" -o "$tmp/no/such/dir/x.svg"
grep_err "map names the unwritable output" "no/such/dir/x.svg"
expect "map --after 0" 2 "$m" map --after 0 "$ex" -o "$tmp/x.svg"
grep_err "map --after wants a line" "wants a line number"
expect "map --after garbage" 2 "$m" map --after 3x "$ex" -o "$tmp/x.svg"
expect "map --after past the end" 2 "$m" map --after 7 "$ex" -o "$tmp/x.svg"
grep_err "map --after past the end says how long" "has 6 lines"
expect "map to a full disk" 2 "$m" map "$ex" -o /dev/full
grep_err "map reports the write error" "write error"
expect "map --after the last line" 0 "$m" map --after 6 "$ex" -o "$tmp/x.svg"
expect "map to stdout" 0 "$m" map "$ex" -o -
if grep -q "^</svg>" "$tmp/out"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: map -o - writes no SVG"; fi
expect "map of binary noise" 0 "$m" map "$tmp/noise.mt" -o "$tmp/x.svg"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
