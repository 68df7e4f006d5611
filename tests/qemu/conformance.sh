#!/bin/sh
# One QEMU configuration: run qemu-system-x86_64 (TCG), capture `info mtree`,
# `info mtree -o -D` and `info mtree -f` over HMP, import each tree text
# (both forms gate),
# run it, print it with `memtopo mtree`, and compare every address space's
# flat view with QEMU's (compare.py).  Exit 77 where QEMU cannot run.
# usage: conformance.sh MEMTOPO CONFIG [KEEPDIR]
m=$1 cfg=$2 keep=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
command -v qemu-system-x86_64 >/dev/null 2>&1 || { echo "SKIP: no qemu-system-x86_64"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
tmp=$(mktemp -d) || exit 2
trap 'kill $qpid 2>/dev/null; rm -rf "$tmp"' EXIT

dev_pc="-device virtio-net-pci -device e1000 -device VGA"
blk="-drive if=none,id=d0,driver=null-co -device virtio-blk-pci,drive=d0"
chain="-device pcie-root-port,id=rp1,chassis=1 -device x3130-upstream,id=up1,bus=rp1
 -device xio3130-downstream,id=dn1,bus=up1,chassis=2 -device virtio-net-pci,bus=dn1
 -device pcie-root-port,id=rp2,chassis=3 -device virtio-blk-pci,drive=d0,bus=rp2
 -drive if=none,id=d0,driver=null-co"
case $cfg in
pc-pre)        args="-machine pc,smm=on -m 5G -S $dev_pc $blk" ;;
pc-boot)       args="-machine pc,smm=on -m 5G $dev_pc $blk" ;;
pc-nosmm-boot) args="-machine pc,smm=off -m 6G -device ich9-ahci -device e1000 $blk" ;;
q35-pre)       args="-machine q35,smm=on -m 5G -S -device VGA -device e1000 $chain" ;;
q35-boot)      args="-machine q35,smm=on -m 5G -device VGA -device e1000 $chain" ;;
q35-nosmm-boot) args="-machine q35,smm=off -m 8G -device virtio-net-pci -device ich9-ahci $blk" ;;
*) echo "unknown configuration $cfg"; exit 2 ;;
esac
# shellcheck disable=SC2086
qemu-system-x86_64 -accel tcg -display none -nodefaults -no-user-config \
	-monitor unix:"$tmp/hmp.sock",server,nowait $args >"$tmp/qemu.log" 2>&1 &
qpid=$!
wait_cmd="sleep=0"
case $cfg in *-boot) wait_cmd="sleep=3" ;; esac   # SeaBIOS programs the BARs
if ! python3 "$here/hmp.py" "$tmp/hmp.sock" "$tmp" "$wait_cmd" "=stop" mtree="info mtree" \
	mtreeD="info mtree -o -D" flat="info mtree -f" "=quit"; then
	if ! kill -0 $qpid 2>/dev/null; then
		echo "SKIP: QEMU cannot run here:"; cat "$tmp/qemu.log"; exit 77
	fi
	echo "FAIL: no HMP answer"; exit 1
fi
i=0; while kill -0 $qpid 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
kill $qpid 2>/dev/null
rc=0
# Both forms gate: plain `info mtree` (alias targets by name only, disabled
# regions hidden) and `info mtree -o -D` (owners, every region).
for form in mtree mtreeD; do
	echo "== $cfg: info mtree${form#mtree} ($(wc -l <"$tmp/$form") lines) imported with --flat"
	"$m" import qemu-mtree "$tmp/$form" --flat "$tmp/flat" >"$tmp/$form.mt" 2>"$tmp/$form.notes" || { cat "$tmp/$form.notes"; rc=1; continue; }
	echo "   notes on stderr: $(grep -c 'note:' "$tmp/$form.notes")," \
		"of them alias targets chosen by name: $(grep -c 'regions named .* can be its target' "$tmp/$form.notes")"
	if "$m" run "$tmp/$form.mt" | grep '^error'; then
		echo "FAIL: the trace has errors"; rc=1
	fi
	"$m" mtree "$tmp/$form.mt" >"$tmp/$form.mine" || rc=1
	python3 "$here/compare.py" "$tmp/flat" "$tmp/$form.mine" || rc=1
done
[ -n "$keep" ] && mkdir -p "$keep" && cp "$tmp"/mtree "$tmp"/mtreeD "$tmp"/flat "$tmp"/mtree.mt "$keep"/
exit $rc
