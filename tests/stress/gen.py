#!/usr/bin/env python3
"""Generate hostile, big traces for the stress suite (tests/stress/run.sh).

usage: gen.py KIND N [SEED]  -> trace on stdout

Each trace starts with `# expect: LINE` comments: lines its `memtopo run`
output must contain (from the final dump), so a run that completes but
renders wrongly fails.  Kinds:
  deep     a chain of N nested containers under a space, a leaf at the bottom
  achain   a chain of N aliases ending at an mmio with an ioeventfd
  wide     N mmio regions in one container, 2 ioeventfds each, moves back
           and forth in transactions
  dag      N levels of a diamond: each level's container holds two aliases
           of the next (2^N paths; the view stays small)
  long     N enable/disable toggles of one device, each committed alone
  spaces   N spaces over one root of 64 regions, then 64 moves
  random   N random commands over 64 names (seeded), ending in a dump
"""
import random
import sys


def deep(n, out, exp):
    out.append("container c0 0x10000\nspace s c0")
    for i in range(1, n + 1):
        out.append(f"container c{i} 0x10000\nmap c{i - 1} c{i} 0x0")
    out.append(f"mmio leaf 0x1000\nmap c{n} leaf 0x100\neventfd-add leaf 0x10 4 * 3")
    out.append("move c1 0x2000\ndisable leaf\nenable leaf\ndump")
    exp += ["  0x2100 0x3100 mmio leaf 0x0", "  0x2110 0x4 * 3"]


def achain(n, out, exp):
    out.append("mmio m 0x1000\neventfd-add m 0x8 8 0x5 9\nalias a0 m 0x0 0x1000")
    for i in range(1, n + 1):
        out.append(f"alias a{i} a{i - 1} 0x0 0x1000")
    out.append(f"container root 0x100000\nspace s root\nmap root a{n} 0x4000")
    out.append("disable m\nenable m\nmmio m2 0x100\nmap m m2 0x800 1\ndump")
    exp += ["  0x4800 0x4900 mmio m2 0x0", "  0x4008 0x8 0x5 9"]


def wide(n, out, exp):
    out.append("container sys 0x10000000000000000\nspace s sys\nbegin")
    for i in range(n):
        out.append(f"mmio r{i} 0x1000\nmap sys r{i} {hex(0x100000 + i * 0x2000)}")
        out.append(f"eventfd-add r{i} 0x0 4 {i} {i % 1000}\neventfd-add r{i} 0x8 0 * 7")
    out.append("commit")
    for rnd in range(2):
        out.append("begin")
        for i in range(0, n, 3):
            off = 0x1000 if rnd == 0 else 0
            out.append(f"move r{i} {hex(0x100000 + i * 0x2000 + off)}")
        out.append("commit")
    out.append("dump")
    last = n - 1
    exp.append(f"  {hex(0x100000 + last * 0x2000)} {hex(0x100000 + last * 0x2000 + 0x1000)} mmio r{last} 0x0")


def dag(n, out, exp):
    out.append(f"mmio dev 0x1000\ncontainer l{n} 0x1000\nmap l{n} dev 0x0")
    for i in range(n - 1, -1, -1):
        out.append(f"container l{i} 0x1000\nalias x{i} l{i + 1} 0x0 0x1000"
                   f"\nalias y{i} l{i + 1} 0x0 0x1000"
                   f"\nmap l{i} x{i} 0x0 1\nmap l{i} y{i} 0x0 0")
    out.append("space s l0\nmove dev 0x0\ndump")
    exp.append("  0x0 0x1000 mmio dev 0x0")


def long_(n, out, exp):
    out.append("container sys 0x100000000\nmmio bar 0x1000\nspace s sys")
    out.append("map sys bar 0xfe000000\neventfd-add bar 0x40 2 * 5")
    for i in range(n):
        out.append("disable bar" if i % 2 == 0 else "enable bar")
    out.append("dump")
    if n % 2:
        exp.append("flatview s")
    else:
        exp += ["  0xfe000000 0xfe001000 mmio bar 0x0", "  0xfe000040 0x2 * 5"]


def spaces(n, out, exp):
    out.append("container sys 0x10000000000000000\nbegin")
    for i in range(64):
        out.append(f"mmio r{i} 0x1000\nmap sys r{i} {hex(i * 0x2000)}\neventfd-add r{i} 0x0 4 * {i}")
    for j in range(n):
        out.append(f"space s{j} sys")
    out.append("commit")
    for i in range(64):
        out.append(f"move r{i} {hex(i * 0x2000 + 0x1000)}")
    out.append(f"dump s{n - 1}")
    exp += [f"flatview s{n - 1}", f"  {hex(63 * 0x2000 + 0x1000)} {hex(63 * 0x2000 + 0x2000)} mmio r63 0x0",
            f"  {hex(63 * 0x2000 + 0x1000)} 0x4 * 63"]


def random_(n, out, exp, seed):
    rng = random.Random(seed)
    names = [f"n{i}" for i in range(64)]
    kinds = ["container", "ram", "mmio", "rom"]
    num = lambda: hex(rng.choice([0, 0x1000, 0x2000, 0x10000, rng.randrange(1 << 20), (1 << 64) - 0x1000]))
    out.append("container root 0x10000000000000000\nspace s root\nspace t root\nspace p root pio")
    for _ in range(n):
        a, b = rng.choice(names), rng.choice(names)
        op = rng.randrange(14)
        if op < 3:
            out.append(f"{rng.choice(kinds)} {a} {hex(rng.choice([0x1000, 0x10000, 0x100000]))}")
        elif op == 3:
            out.append(f"alias {a} {b} {num()} {hex(rng.choice([0x1000, 0x8000]))}")
        elif op < 7:
            p = rng.choice(names + ["root"] * 8)
            out.append(f"map {p} {a} {num()}" + (f" {rng.randrange(-3, 4)}" if rng.random() < .5 else ""))
        elif op == 7:
            out.append(f"unmap {rng.choice(names + ['root'])} {a}")
        elif op == 8:
            out.append(f"move {a} {num()}")
        elif op == 9:
            out.append(f"{rng.choice(['enable', 'disable'])} {a}")
        elif op == 10:
            out.append(f"destroy {a}")
        elif op == 11:
            out.append(f"eventfd-add {a} {hex(rng.randrange(0, 0x100, 4))} 4 * {rng.randrange(8)}")
        elif op == 12:
            out.append(rng.choice(["begin", "commit"]))
        else:
            out.append(f"eventfd-del {a} {hex(rng.randrange(0, 0x100, 4))} 4 * {rng.randrange(8)}")
    out.append("dump")
    exp.append("flatview p")


KINDS = {"deep": deep, "achain": achain, "wide": wide, "dag": dag,
         "long": long_, "spaces": spaces}


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in list(KINDS) + ["random"]:
        sys.exit(__doc__)
    kind, n = sys.argv[1], int(sys.argv[2])
    out, exp = [], []
    if kind == "random":
        random_(n, out, exp, int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    else:
        KINDS[kind](n, out, exp)
    sys.stdout.write("".join(f"# expect: {e}\n" for e in exp))
    sys.stdout.write("\n".join(out) + "\n")


main()
