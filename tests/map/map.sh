#!/bin/sh
# memtopo map on one trace: it draws (exit 0), the SVG is well-formed XML
# with the expected texts, and rsvg-convert renders it to a PNG that is not
# blank.  Exit 77 (skipped, never passed) without rsvg-convert or python3.
# usage: map.sh MEMTOPO 'TRACE|AFTER|TEXT|TEXT...'   (AFTER empty: no --after;
# one argument, as CMake would split texts holding '[' badly)
m=$1
IFS='|'
# shellcheck disable=SC2086
set -- $2
unset IFS
trace=$1 after=${2:+--after $2}
shift 2
command -v rsvg-convert >/dev/null 2>&1 || { echo "SKIP: no rsvg-convert (apt-get install librsvg2-bin)"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2086
"$m" map $after "$trace" -o "$tmp/map.svg" || { echo "FAIL: memtopo map exit $?"; exit 1; }
rsvg-convert "$tmp/map.svg" -o "$tmp/map.png" || { echo "FAIL: rsvg-convert cannot render it"; exit 1; }
# 8 colours at least: white, the hatch, ink, a kind's fill, and their blends
python3 "$here/svg_check.py" "$tmp/map.svg" "$tmp/map.png" 8 "$@"
