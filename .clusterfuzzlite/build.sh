#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz entry point: the real script lives in the tree
# (ci/oss-fuzz/build.sh) so that ci/oss-fuzz-test can run it without docker.
exec bash "$SRC/memtopo/ci/oss-fuzz/build.sh"
