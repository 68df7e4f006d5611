#!/usr/bin/env bash
# OSS-Fuzz / ClusterFuzzLite build script: every fuzz target into $OUT.
#
# Runs inside the OSS-Fuzz base-builder image (or locally, see ci/oss-fuzz-test)
# with the environment the infrastructure gives:
#   CC, CFLAGS          compiler and flags, sanitizer and coverage flags included
#                       (e.g. -fsanitize=address,fuzzer-no-link)
#   LIB_FUZZING_ENGINE  link flags of the engine (-fsanitize=fuzzer, or a
#                       driver library such as /usr/lib/libAFLDriver.a)
#   OUT, WORK           output and scratch directories
# and writes, per target T (fuzz_commit, fuzz_lookup, fuzz_trace):
#   $OUT/T                   the fuzzer
#   $OUT/T_seed_corpus.zip   seeds (corpus/seeds encoded for the binary targets,
#                            raw traces for fuzz_trace) + corpus/T/
#   $OUT/T.dict              corpus/T.dict
#   $OUT/T.options           libFuzzer options (dictionary, max_len, timeout)
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd -P) # physical: $SRC/memtopo may be a symlink
: "${CC:?CC is not set (OSS-Fuzz sets it)}" "${OUT:?OUT is not set}"
: "${LIB_FUZZING_ENGINE:?LIB_FUZZING_ENGINE is not set}"
WORK=${WORK:-$(mktemp -d)}
CFLAGS=${CFLAGS:-}
targets=(fuzz_commit fuzz_lookup fuzz_trace)
jobs=$(nproc 2>/dev/null || echo 2)
mkdir -p "$OUT" "$WORK"

# 1. The fuzzers.  MEMTOPO_FUZZ=libfuzzer links each target with
# MEMTOPO_FUZZ_LINK; CFLAGS carries the sanitizers, so the project's own
# sanitizer flags (MEMTOPO_SANITIZE) stay off, and so does -Werror (newer
# compilers warn about new things).  CMAKE_BUILD_TYPE=None: no -O2/-DNDEBUG of
# our own on top of OSS-Fuzz's flags (assertions stay on).
cmake -S "$src" -B "$WORK/build-fuzz" \
	-DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_BUILD_TYPE=None \
	-DMEMTOPO_FUZZ=libfuzzer -DMEMTOPO_FUZZ_LINK="$LIB_FUZZING_ENGINE" \
	-DMEMTOPO_SANITIZE=OFF -DMEMTOPO_WERROR=OFF -DBUILD_TESTING=OFF
cmake --build "$WORK/build-fuzz" -j "$jobs" --target "${targets[@]}"

# 2. The seed encoder: the memtopo CLI built without the fuzzing flags, so that
# it runs at build time whatever the sanitizer (MSan, coverage, ...).
env -u CFLAGS -u CXXFLAGS cmake -S "$src" -B "$WORK/build-host" \
	-DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS="" -DCMAKE_BUILD_TYPE=Release \
	-DMEMTOPO_FUZZ=replay -DMEMTOPO_WERROR=OFF -DBUILD_TESTING=OFF >/dev/null
cmake --build "$WORK/build-host" -j "$jobs" --target memtopo_cli >/dev/null
cli=$WORK/build-host/memtopo

# 3. Seed corpora, dictionaries, options.
for t in "${targets[@]}"; do
	cp "$WORK/build-fuzz/fuzz/$t" "$OUT/$t"
	seeds=$WORK/seeds/$t
	rm -rf "$seeds"
	mkdir -p "$seeds"
	for mt in "$src"/corpus/seeds/*.mt; do
		name=seed-$(basename "$mt" .mt)
		if [ "$t" = fuzz_trace ]; then
			cp "$mt" "$seeds/$name"
		elif [[ $(basename "$mt") == qemu_* ]]; then
			continue # real VMs' maps: larger than the binary codec holds (tests/CMakeLists.txt)
		else
			"$cli" encode "$mt" -o "$seeds/$name"
		fi
	done
	if [ "$t" = fuzz_trace ]; then
		for mt in "$src"/tests/traces/*.mt; do cp "$mt" "$seeds/trace-$(basename "$mt" .mt)"; done
	fi
	[ -d "$src/corpus/$t" ] && find "$src/corpus/$t" -maxdepth 1 -type f -exec cp -t "$seeds" {} +
	rm -f "$OUT/${t}_seed_corpus.zip"
	(cd "$seeds" && zip -q -j "$OUT/${t}_seed_corpus.zip" ./*)
	opts=("[libfuzzer]")
	if [ -f "$src/corpus/$t.dict" ]; then
		cp "$src/corpus/$t.dict" "$OUT/$t.dict"
		opts+=("dict = $t.dict")
	fi
	# the decoder stops after 256 commands, a few KB; traces are short too
	opts+=("max_len = 4096" "timeout = 25")
	printf '%s\n' "${opts[@]}" >"$OUT/$t.options"
	echo "oss-fuzz build: $t ($(find "$seeds" -type f | wc -l) seeds)"
done
