#!/usr/bin/env python3
"""Compare QEMU's `info mtree -f` with `memtopo mtree` of the imported trace,
address space by address space.  usage: compare.py QEMU_FLAT MEMTOPO_MTREE
Documented difference (docs/semantics.md): QEMU's read-only aliases of ram
(PAM) show ranges of a ram region as "rom"; memtopo has no read-only alias,
so those are compared as ram, after merging what then becomes contiguous."""
import re, sys

RANGE = re.compile(r'^  ([0-9a-f]+)-([0-9a-f]+) \(prio (-?\d+), ([^)]+)\): (.*?)(?: @([0-9a-f]+))?$')

def parse(path):
    views, cur = [], None
    for line in open(path, encoding='utf-8', errors='replace'):
        line = line.rstrip('\r\n').rstrip()
        if line.startswith('FlatView #'):
            cur = {'as': [], 'root': None, 'ranges': []}
            views.append(cur)
        elif cur is None:
            continue
        elif line.startswith(' AS "'):
            cur['as'].append(line[5:line.index('", root: ')])
        elif line.startswith(' Root memory region: '):
            cur['root'] = line[len(' Root memory region: '):]
        else:
            m = RANGE.match(line)
            if m:
                s, e, prio, kind, name, off = m.groups()
                cur['ranges'].append([int(s, 16), int(e, 16), int(prio), kind, name,
                                      int(off, 16) if off else 0])
    out = []
    for v in views:
        for a in v['as']:
            out.append((a, v['root'], v['ranges']))
    return out

def merge(ranges):
    out = []
    for r in ranges:
        p = out[-1] if out else None
        if p and p[3:5] == r[3:5] and p[2] == r[2] and p[1] + 1 == r[0] and p[5] + p[1] + 1 - p[0] == r[5]:
            p[1] = r[1]
        else:
            out.append(list(r))
    return out

def main():
    qemu, mine = parse(sys.argv[1]), parse(sys.argv[2])
    ram_names = {r[4] for _, _, rs in mine for r in rs if r[3] == 'ram'}
    ro = 0
    for _, _, rs in qemu:
        for r in rs:
            if r[3] == 'rom' and r[4] in ram_names:
                r[3] = 'ram'
                ro += 1
    qemu = sorted((a, root, merge(rs)) for a, root, rs in qemu)
    mine = sorted(mine)
    bad = 0
    if [a for a, _, _ in qemu] != [a for a, _, _ in mine]:
        print('address spaces differ:\n  qemu   %s\n  memtopo %s' % ([a for a, _, _ in qemu], [a for a, _, _ in mine]))
        return 1
    nr = 0
    for (a, qr, qrs), (_, mr, mrs) in zip(qemu, mine):
        nr += len(qrs)
        if qr != mr:
            print('AS "%s": root %s in QEMU, %s in memtopo' % (a, qr, mr)); bad += 1
        if qrs != mrs:
            bad += 1
            print('AS "%s" differs:' % a)
            for r in qrs:
                if r not in mrs: print('  - qemu    %x-%x prio %d %s %s @%x' % tuple(r))
            for r in mrs:
                if r not in qrs: print('  + memtopo %x-%x prio %d %s %s @%x' % tuple(r))
    print('%d address spaces, %d ranges compared, %d differ; %d QEMU ranges read-only through an alias (compared as ram)'
          % (len(qemu), nr, bad, ro))
    return 1 if bad else 0

sys.exit(main())
