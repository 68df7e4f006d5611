#!/bin/bash
# The ci/ scripts' own contract, without running a campaign: ci/ctest-totals
# (a skipped test never counts as passed), and clear usage errors (exit 2,
# before any build) from ci/fuzz, ci/kvm-check, ci/afl-multi, ci/oss-fuzz-test
# and ci/oss-fuzz/build.sh.  usage: ci_scripts.sh SRCDIR
src=$1
pass=0 fail=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

check() { # check DESC WANT_RC WANT_PATTERN CMD...: exit status and a line of its output
	# (WANT_PATTERN "-": no output at all)
	local desc=$1 want=$2 pat=$3 rc
	shift 3
	"$@" >"$tmp/out" 2>&1
	rc=$?
	if [ "$rc" = "$want" ] && { [ "$pat" = - ] && [ ! -s "$tmp/out" ] || grep -qE -- "$pat" "$tmp/out"; }; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $desc: exit $rc (want $want), output lacks /$pat/ or has:"
		sed 's/^/  | /' "$tmp/out" | head -10
	fi
}

# ---- ci/ctest-totals ---------------------------------------------------------
totals=$src/ci/ctest-totals
# ctest's own layout: skipped tests are listed tab-indented, and counted in "out of"
printf '%s\n' '50% tests passed, 1 tests failed out of 4' '' \
	'The following tests did not run:' "$(printf '\t  3 - kvm.host (Skipped)')" \
	"$(printf '\t  4 - kvm.live (Skipped)')" '' 'The following tests FAILED:' \
	"$(printf '\t  2 - unit.tree (Failed)')" >"$tmp/skips.log"
check "skipped tests are skipped, not passed" 0 '^1 1 2$' bash "$totals" "$tmp/skips.log"
printf '\033[0;32m100%% tests passed\033[0;0m, 0 tests failed\033[0;0m out of 28\n' >"$tmp/colour.log"
check "a coloured summary (ctest in the KVM VM)" 0 '^28 0 0$' bash "$totals" "$tmp/colour.log"
printf 'Test project /x\nNo tests were found!!!\n' >"$tmp/none.log"
check "no summary is an error" 1 - bash "$totals" "$tmp/none.log"
check "no log is a usage error" 2 'usage: ci/ctest-totals' bash "$totals" "$tmp/missing.log"

# ---- usage errors, before anything is built or installed ---------------------
check "ci/fuzz --help" 0 'budget' bash "$src/ci/fuzz" --help
check "ci/fuzz unknown flag" 2 "unknown argument '--frob'" bash "$src/ci/fuzz" --frob
check "ci/fuzz bad budget" 2 'budget takes whole seconds' bash "$src/ci/fuzz" --budget ten
check "ci/fuzz budget too small" 2 'too small' bash "$src/ci/fuzz" --budget 3
check "ci/fuzz unknown target" 2 "unknown target 'fuzz_nope'" bash "$src/ci/fuzz" --targets fuzz_nope
check "ci/fuzz unknown engine" 2 "unknown engine 'honggfuzz'" bash "$src/ci/fuzz" --engines honggfuzz
check "ci/fuzz flag without value" 2 'needs a value' bash "$src/ci/fuzz" --budget
check "ci/fuzz bad kvm time" 2 'kvm-time takes whole seconds' bash "$src/ci/fuzz" --kvm-time soon
check "ci/kvm-check without arguments" 2 'usage: ci/kvm-check' bash "$src/ci/kvm-check"
check "ci/kvm-check unknown flag" 2 "unknown option '--frob'" bash "$src/ci/kvm-check" --frob
check "ci/kvm-check bad time" 2 'usage: ci/kvm-check' bash "$src/ci/kvm-check" --time soon /bin/true "$tmp"
check "ci/kvm-check unknown dirty mode" 2 'usage: ci/kvm-check' bash "$src/ci/kvm-check" --dirty dirtier /bin/true "$tmp"
check "ci/kvm-check not a memtopo" 2 'is not an executable' bash "$src/ci/kvm-check" "$tmp/nope" "$tmp"
check "ci/kvm-check not a directory" 2 'is not a directory' bash "$src/ci/kvm-check" /bin/true "$tmp/nope"
check "ci/afl-multi --help" 0 'sync' bash "$src/ci/afl-multi" --help
check "ci/afl-multi without --sync" 2 'sync DIR is required' bash "$src/ci/afl-multi" --no-build
check "ci/afl-multi unknown target" 2 "unknown target 'x'" bash "$src/ci/afl-multi" --sync "$tmp/s" --target x
check "ci/afl-multi bad instances" 2 'positive number' bash "$src/ci/afl-multi" --sync "$tmp/s" --instances 0
check "ci/afl-multi bad name" 2 'instance names' bash "$src/ci/afl-multi" --sync "$tmp/s" --name 'a b'
check "ci/oss-fuzz-test unknown sanitizer" 2 'address or undefined' bash "$src/ci/oss-fuzz-test" --sanitizer memory
check "ci/oss-fuzz-test bad seconds" 2 'positive number' bash "$src/ci/oss-fuzz-test" --seconds 0
check "ci/oss-fuzz/build.sh outside OSS-Fuzz" 1 'CC is not set' env -u CC -u OUT -u LIB_FUZZING_ENGINE bash "$src/ci/oss-fuzz/build.sh"

echo "ci_scripts: $pass passed, $fail failed"
[ "$fail" = 0 ]
