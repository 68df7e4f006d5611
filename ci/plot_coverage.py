#!/usr/bin/env python3
"""Coverage over time as an SVG line chart (stdlib only).

usage: plot_coverage.py IN.csv OUT.svg
IN.csv: seconds,target,engine,coverage (libFuzzer: edges; AFL++: bitmap %).
One panel per engine, since the two measure coverage in different units.
"""
import csv
import sys
from collections import defaultdict

COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
W, H, PAD = 560, 260, 50


def panel(engine, series, y0):
    tmax = max((t for pts in series.values() for t, _ in pts), default=1) or 1
    vmax = max((v for pts in series.values() for _, v in pts), default=1) or 1
    unit = "edges" if engine == "libfuzzer" else "% of map"
    out = ['<text x="%d" y="%d" font-size="14">%s: coverage (%s) over seconds</text>'
           % (PAD, y0 + 18, engine, unit),
           '<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#888"/>'
           % (PAD, y0 + 30, W - 2 * PAD, H - 70)]
    for k in range(5):
        v = vmax * k / 4
        y = y0 + 30 + (H - 70) * (1 - k / 4)
        out.append('<text x="%d" y="%.1f" font-size="10" text-anchor="end">%.0f</text>' % (PAD - 4, y + 3, v))
    out.append('<text x="%d" y="%d" font-size="10" text-anchor="end">%ds</text>' % (W - PAD, y0 + H - 26, tmax))
    for i, (name, pts) in enumerate(sorted(series.items())):
        pts.sort()
        xy = " ".join("%.1f,%.1f" % (PAD + (W - 2 * PAD) * t / tmax,
                                     y0 + 30 + (H - 70) * (1 - v / vmax)) for t, v in pts)
        c = COLORS[i % len(COLORS)]
        out.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (c, xy))
        out.append('<text x="%d" y="%d" font-size="11" fill="%s">%s</text>' % (PAD + 8, y0 + 46 + 14 * i, c, name))
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    data = defaultdict(lambda: defaultdict(list))
    with open(sys.argv[1]) as f:
        for row in csv.DictReader(f):
            try:
                data[row["engine"]][row["target"]].append((float(row["seconds"]), float(row["coverage"] or 0)))
            except ValueError:
                continue
    engines = sorted(data) or ["libfuzzer"]
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif">'
             % (W, H * len(engines)), '<rect width="100%" height="100%" fill="white"/>']
    for i, e in enumerate(engines):
        parts += panel(e, data[e], i * H)
    parts.append("</svg>")
    with open(sys.argv[2], "w") as f:
        f.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
