# Shared by ci/fuzz and ci/afl-multi (sourced, not run): where a target's seeds
# are, and the AFL++ settings every unattended run needs.  Needs $root.

# seed_dirs TARGET: the directories ctest replays for TARGET, one per line:
# trace text for fuzz_trace, the encoded seeds of the default build for the
# binary targets, then the committed corpus/<target>/.
seed_dirs() {
	if [ "$1" = fuzz_trace ]; then
		echo "$root/corpus/seeds"
		echo "$root/tests/traces"
	else
		echo "$root/build/default/corpus/seeds-bin"
	fi
	[ -d "$root/corpus/$1" ] && echo "$root/corpus/$1"
	return 0
}

# flat_seeds TARGET DIR: copy TARGET's seeds into one flat DIR (AFL++ takes a
# single -i): same-named files of different directories are kept as NAME.~1~,
# empty files dropped (AFL++ refuses them).
flat_seeds() {
	local s
	mkdir -p "$2"
	while IFS= read -r s; do
		[ -d "$s" ] && find "$s" -maxdepth 1 -type f -size +0 -exec cp --backup=numbered -t "$2" {} +
	done < <(seed_dirs "$1")
	return 0
}

# afl_unattended_env: no TTY, no cpufreq governor to read, core_pattern maybe a
# pipe, no CPU binding (containers).  None of it matters for a bounded or
# background run, so say so rather than change the machine's settings.
afl_unattended_env() {
	export AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
}
