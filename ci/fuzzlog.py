#!/usr/bin/env python3
"""Reads what the fuzz engines leave behind, for ci/fuzz (which keeps the
orchestration in bash).  Tested by tests/ci/test_fuzzlog.py on fixture logs of
both engines (tests/ci/fixtures/).

  fuzzlog.py sample ENGINE RUNDIR     live figures: "execs rate corpus coverage crashes"
  fuzzlog.py figures ENGINE RUNDIR    final figures: "secs|execs|rate|coverage|corpus"
  fuzzlog.py signature LOG ROOT       what went wrong, stable across finds of one bug
  fuzzlog.py fuzzed ENGINE RUNDIR     exit 0 when the engine actually fuzzed

ENGINE is libfuzzer or afl.  RUNDIR is ci/fuzz's OUT/runs/<target>/<engine>:
libFuzzer's output in RUNDIR/log and crash files in RUNDIR/artifacts/; AFL++'s
output directory RUNDIR/afl/default/ (fuzzer_stats, plot_data).
"""
import os
import re
import sys

CRASH_PREFIXES = ("crash-", "leak-", "timeout-", "oom-")


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


def count_artifacts(rundir):
    d = os.path.join(rundir, "artifacts")
    try:
        return sum(1 for n in os.listdir(d) if n.startswith(CRASH_PREFIXES))
    except OSError:
        return 0


# ---- libFuzzer --------------------------------------------------------------
# Status lines: "#12345\tNEW    cov: 812 ft: 2950 corp: 301/44Kb lim: 4096 exec/s: 2057 rss: 61Mb ..."
STATUS = re.compile(r"^#(\d+)\s")


def lf_last_status(log):
    last = None
    for line in log.splitlines():
        if STATUS.match(line):
            last = line
    return last


def lf_field(line, name):
    toks = line.split()
    for i, t in enumerate(toks[:-1]):
        if t == name:
            return toks[i + 1]
    return None


def lf_sample(rundir):
    log = read(os.path.join(rundir, "log"))
    line = lf_last_status(log)
    execs = rate = corp = cov = 0
    if line:
        execs = int(STATUS.match(line).group(1))
        cov = int(lf_field(line, "cov:") or 0)
        corp = int((lf_field(line, "corp:") or "0").split("/")[0])
        rate = int(lf_field(line, "exec/s:") or 0)
    return execs, rate, corp, cov, count_artifacts(rundir)


def lf_final_stat(log, key):
    val = None
    for line in log.splitlines():
        if line.startswith("stat::" + key + ":"):
            val = line.split(":", 3)[-1].strip()
    return val


def lf_figures(rundir):
    log = read(os.path.join(rundir, "log"))
    execs = lf_final_stat(log, "number_of_executed_units") or "0"
    rate = lf_final_stat(log, "average_exec_per_sec") or "0"
    _, _, corp, _, _ = lf_sample(rundir)
    cov = "?"
    line = lf_last_status(log)
    if line and lf_field(line, "cov:") and lf_field(line, "ft:"):
        cov = "%s edges, %s features" % (lf_field(line, "cov:"), lf_field(line, "ft:"))
    return execs, rate, cov, str(corp)


def lf_fuzzed(rundir):
    log = read(os.path.join(rundir, "log"))
    return bool(re.search(r"^#\d+\s+(INITED|NEW|pulse|REDUCE|DONE)|^INFO: (Running with|Loaded)",
                          log, re.M))


# ---- AFL++ --------------------------------------------------------------------
def afl_dir(rundir):
    return os.path.join(rundir, "afl", "default")


def afl_stats(rundir):
    """fuzzer_stats as a dict ("key : value" lines)."""
    stats = {}
    for line in read(os.path.join(afl_dir(rundir), "fuzzer_stats")).splitlines():
        k, sep, v = line.partition(":")
        if sep:
            stats[k.strip()] = v.strip()
    return stats


def afl_plot_last(rundir):
    """The last row of plot_data: relative_time, cycles_done, cur_item,
    corpus_count, pending_total, pending_favs, map_size, saved_crashes,
    saved_hangs, max_depth, execs_per_sec, total_execs, edges_found."""
    rows = [l for l in read(os.path.join(afl_dir(rundir), "plot_data")).splitlines()
            if l.strip() and not l.startswith("#")]
    if not rows:
        return None
    f = [x.strip() for x in rows[-1].split(",")]
    return f if len(f) >= 13 else None


def num(s, default=0):
    try:
        return int(float(s))
    except (TypeError, ValueError):
        return default


def afl_sample(rundir):
    """Whichever of plot_data and fuzzer_stats is newer: AFL++ rewrites them
    at different moments (and plot_data not at all while it calibrates)."""
    execs = rate = corp = cov = crashes = 0
    p = afl_plot_last(rundir)
    if p:
        execs, rate, corp, cov = num(p[11]), num(p[10]), num(p[3]), num(p[12])
        crashes = num(p[7]) + num(p[8])
    s = afl_stats(rundir)
    if num(s.get("execs_done")) > execs:
        execs = num(s.get("execs_done"))
        rate = num(s.get("execs_per_sec"))
        corp = num(s.get("corpus_count"))
        cov = num(s.get("edges_found"))
        crashes = num(s.get("saved_crashes")) + num(s.get("saved_hangs"))
    return execs, rate, corp, cov, crashes


def afl_figures(rundir):
    s = afl_stats(rundir)
    execs = num(s.get("execs_done"))
    run_time = num(s.get("run_time"))
    rate = execs // run_time if run_time else 0
    cov = "?"
    if s.get("bitmap_cvg"):
        cov = "%s of the map (%d of %d edges)" % (s["bitmap_cvg"], num(s.get("edges_found")),
                                                  num(s.get("total_edges")))
    return str(execs), str(rate), cov, s.get("corpus_count", "?")


def afl_fuzzed(rundir):
    return os.path.isfile(os.path.join(afl_dir(rundir), "fuzzer_stats"))


# ---- crash signatures ----------------------------------------------------------
def signature(log, root):
    """What went wrong, without addresses, input line numbers or sizes, so the
    same bug found twice gives the same string:
      the lockstep oracle:  "divergence: <what>"
      sanitizers:           "asan: <error type> in f1 < f2 < f3" (top project frames)
      UBSan:                "ubsan: <what> at file.c:LINE"
      libFuzzer:            "timeout", "out-of-memory", "deadly signal" (+ frames)"""
    frames = []
    frame_re = re.compile(r"^ *#\d+ 0x[0-9a-f]+ in ([A-Za-z_][A-Za-z_0-9]*) " +
                          re.escape(root) + r"/(src|fuzz|tools|harness)/")
    for line in log.splitlines():
        m = frame_re.match(line)
        if m and m.group(1) not in ("LLVMFuzzerTestOneInput", "main", "mt_lockstep_run") \
                and m.group(1) not in frames:
            frames.append(m.group(1))
    frames = frames[:3]
    what = None
    m = re.search(r"first divergence: ([^,\n]*)", log)
    if m:
        return "divergence: " + m.group(1)
    m = re.search(r"ERROR: (AddressSanitizer|LeakSanitizer): ([A-Za-z-]+)", log)
    if m:
        what = "leak" if m.group(1) == "LeakSanitizer" else "asan: " + m.group(2)
    if not what:
        m = re.search(r"([^ \n]+):(\d+):\d+: runtime error: ([^:0-9\n]*)", log)
        if m:
            return "ubsan: %s at %s:%s" % (m.group(3).rstrip(), os.path.basename(m.group(1)),
                                          m.group(2))
    if not what:
        m = re.search(r"ERROR: libFuzzer: (timeout|out-of-memory|deadly signal)", log)
        if m:
            what = m.group(1)
    if not what:
        m = re.search(r"runtime error|SUMMARY: [A-Za-z]+: [a-z-]+", log)
        what = m.group(0) if m else "unknown failure"
    return what + (" in " + " < ".join(frames) if frames else "")


def main(argv):
    if len(argv) == 4 and argv[1] in ("sample", "figures", "fuzzed") and \
            argv[2] in ("libfuzzer", "afl"):
        lf = argv[2] == "libfuzzer"
        if argv[1] == "sample":
            print("%d %d %d %d %d" % (lf_sample(argv[3]) if lf else afl_sample(argv[3])))
        elif argv[1] == "figures":
            print("|".join(lf_figures(argv[3]) if lf else afl_figures(argv[3])))
        else:
            return 0 if (lf_fuzzed(argv[3]) if lf else afl_fuzzed(argv[3])) else 1
        return 0
    if len(argv) == 4 and argv[1] == "signature":
        print(signature(read(argv[2]), argv[3].rstrip("/")))
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
