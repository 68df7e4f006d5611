#!/usr/bin/env python3
"""ci/fuzzlog.py on fixture logs of both engines (tests/ci/fixtures/): the
figures ci/fuzz prints live and in its summary, and crash signatures."""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "ci"))
import fuzzlog  # noqa: E402

FX = os.path.join(HERE, "fixtures")


def crash_log(name):
    with open(os.path.join(FX, "crash-logs", name)) as f:
        return f.read()


class LibFuzzer(unittest.TestCase):
    rundir = os.path.join(FX, "libfuzzer-run")

    def test_sample_reads_last_status_line(self):
        # "#3000 DONE cov: 1346 ft: 7208 corp: 586/31Kb ... exec/s: 0", one crash file
        self.assertEqual(fuzzlog.lf_sample(self.rundir), (3000, 0, 586, 1346, 1))

    def test_figures_from_final_stats(self):
        self.assertEqual(fuzzlog.lf_figures(self.rundir),
                         ("3000", "0", "1346 edges, 7208 features", "586"))

    def test_fuzzed(self):
        self.assertTrue(fuzzlog.lf_fuzzed(self.rundir))
        self.assertFalse(fuzzlog.lf_fuzzed(os.path.join(FX, "afl-run")))

    def test_missing_log_is_zero(self):
        self.assertEqual(fuzzlog.lf_sample(os.path.join(FX, "nope")), (0, 0, 0, 0, 0))


class AFL(unittest.TestCase):
    def test_sample_from_plot_data(self):
        # last row: ..., corpus_count 631, saved 0+0, execs_per_sec 12784.89,
        # total_execs 20040, edges_found 1580
        self.assertEqual(fuzzlog.afl_sample(os.path.join(FX, "afl-run")),
                         (20040, 12784, 631, 1580, 0))

    def test_sample_before_plot_data_has_rows(self):
        # plot_data holds only its header while fuzzer_stats already counts:
        # the live line must not say "0 execs" (issue 15)
        ex, rate, corp, cov, crashes = fuzzlog.afl_sample(os.path.join(FX, "afl-early"))
        self.assertEqual((ex, corp, cov, crashes), (5120, 631, 1580, 0))
        self.assertGreater(rate, 0)

    def test_figures_from_fuzzer_stats(self):
        execs, rate, cov, corp = fuzzlog.afl_figures(os.path.join(FX, "afl-run"))
        self.assertEqual((execs, rate, corp), ("20040", "20040", "631"))
        self.assertEqual(cov, "64.97% of the map (1580 of 2432 edges)")

    def test_fuzzed(self):
        self.assertTrue(fuzzlog.afl_fuzzed(os.path.join(FX, "afl-run")))
        self.assertFalse(fuzzlog.afl_fuzzed(os.path.join(FX, "libfuzzer-run")))


class Signatures(unittest.TestCase):
    def sig(self, name):
        return fuzzlog.signature(crash_log(name), "/ROOT")

    def test_divergence_has_no_frames(self):
        self.assertEqual(self.sig("divergence.log"), "divergence: eventfd set of space s")

    def test_asan_top_project_frames_once_each(self):
        self.assertEqual(self.sig("asan.log"),
                         "asan: heap-use-after-free in mt_tree_next < flat_merge < mt_commit")

    def test_ubsan_names_file_and_line(self):
        self.assertEqual(self.sig("ubsan.log"),
                         "ubsan: unsigned integer overflow at render.c:57")

    def test_timeout(self):
        self.assertEqual(self.sig("timeout.log"),
                         "timeout in mdl_render < mt_model_commit")

    def test_leak(self):
        self.assertEqual(self.sig("leak.log"), "leak in mt_region_new")

    def test_same_bug_same_signature_whatever_the_addresses(self):
        other = crash_log("asan.log").replace("0x602000000010", "0x6020000000f0") \
                                     .replace(":120:9", ":121:3")
        self.assertEqual(fuzzlog.signature(other, "/ROOT"), self.sig("asan.log"))

    def test_unknown(self):
        self.assertEqual(fuzzlog.signature("nothing here", "/ROOT"), "unknown failure")


class CommandLine(unittest.TestCase):
    def test_usage_error(self):
        self.assertEqual(fuzzlog.main(["fuzzlog.py", "sample", "xen", "."]), 2)


if __name__ == "__main__":
    unittest.main(verbosity=1)
