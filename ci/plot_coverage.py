#!/usr/bin/env python3
"""Coverage over time as an SVG line chart (stdlib only, no matplotlib).

usage: plot_coverage.py IN.csv OUT.svg

IN.csv (written by ci/fuzz): seconds,target,engine,metric,value
  seconds  since the start of that run
  metric   what value counts, e.g. "edges (cov)" for libFuzzer (sampled every
           10 s from its status lines) or "edges (edges_found)" for AFL++ (its
           plot_data)
One panel per engine: the two engines instrument differently, so their edge
counts are not comparable with each other, only over time within a panel.
"""
import csv
import sys
from collections import defaultdict

COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
W, H = 640, 300            # one panel
L, R, T, B = 70, 150, 40, 45  # margins: axis labels left, legend right


def nice_max(v):
    """A round axis maximum >= v (1, 2, 2.5, 5 x 10^k)."""
    if v <= 0:
        return 1
    p = 1
    while p * 10 <= v:
        p *= 10
    for m in (1, 2, 2.5, 5, 10):
        if m * p >= v:
            return m * p
    return 10 * p


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def panel(engine, metric, series, y0):
    pw, ph = W - L - R, H - T - B
    tmax = nice_max(max((t for pts in series.values() for t, _ in pts), default=1))
    vmin = min((v for pts in series.values() for _, v in pts), default=0)
    vmax = max((v for pts in series.values() for _, v in pts), default=1)
    # start the axis near the data: coverage rises from the seeds' level,
    # and a zero-based axis would flatten the curves
    lo = 0 if vmin < 0.5 * vmax else int(vmin * 0.95)
    hi = lo + nice_max(max(vmax - lo, 1))
    x = lambda t: L + pw * t / tmax
    y = lambda v: y0 + T + ph * (1 - (v - lo) / (hi - lo))
    out = ['<text x="%d" y="%d" font-size="15" font-weight="bold">%s: %s over time</text>'
           % (L, y0 + 22, esc(engine), esc(metric))]
    for k in range(6):  # grid and tick labels
        v = lo + (hi - lo) * k / 5
        out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#e5e5e5"/>' % (L, L + pw, y(v), y(v)))
        out.append('<text x="%d" y="%.1f" font-size="11" text-anchor="end">%g</text>' % (L - 6, y(v) + 4, round(v, 1)))
        t = tmax * k / 5
        out.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#e5e5e5"/>' % (x(t), x(t), y0 + T, y0 + T + ph))
        out.append('<text x="%.1f" y="%d" font-size="11" text-anchor="middle">%g</text>' % (x(t), y0 + T + ph + 16, round(t, 1)))
    out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#555"/>' % (L, y0 + T, pw, ph))
    out.append('<text x="%d" y="%d" font-size="12" text-anchor="middle">seconds into the run</text>'
               % (L + pw // 2, y0 + T + ph + 34))
    for i, (name, pts) in enumerate(sorted(series.items())):
        pts.sort()
        c = COLORS[i % len(COLORS)]
        xy = " ".join("%.1f,%.1f" % (x(t), y(v)) for t, v in pts)
        out.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (c, xy))
        for t, v in pts[-1:]:
            out.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (x(t), y(v), c))
        out.append('<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="%s" stroke-width="3"/>'
                   % (L + pw + 12, L + pw + 30, y0 + T + 10 + 18 * i, y0 + T + 10 + 18 * i, c))
        out.append('<text x="%d" y="%d" font-size="12">%s (%g)</text>'
                   % (L + pw + 35, y0 + T + 14 + 18 * i, esc(name), pts[-1][1] if pts else 0))
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    data = defaultdict(lambda: defaultdict(list))  # (engine, metric) -> target -> [(t, v)]
    with open(sys.argv[1], newline="") as f:
        for row in csv.DictReader(f):
            try:
                pt = (float(row["seconds"]), float(row["value"]))
            except (KeyError, TypeError, ValueError):
                continue  # a partial line of an interrupted run
            data[(row["engine"], row["metric"])][row["target"]].append(pt)
    panels = sorted(data) or [("no data", "coverage")]
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
             'font-family="sans-serif">' % (W, H * len(panels)),
             '<rect width="100%" height="100%" fill="white"/>']
    for i, key in enumerate(panels):
        parts += panel(key[0], key[1], data.get(key, {}), i * H)
    parts.append("</svg>")
    with open(sys.argv[2], "w") as f:
        f.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
