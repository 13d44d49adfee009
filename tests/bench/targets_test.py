"""tools/bench/targets: the figures it reads from oms_bench's JSON and the verdicts it gives.

Run with `python3 -m unittest` from this folder, or as the CTest test Bench.TargetsTool. The
benchmark output is made up here, with round numbers whose ratios are known.
"""
import contextlib
import importlib.machinery
import importlib.util
import io
import json
import os
import tempfile
import unittest
from contextlib import redirect_stdout

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_loader = importlib.machinery.SourceFileLoader("targets", os.path.join(ROOT, "tools", "bench", "targets"))
_spec = importlib.util.spec_from_loader("targets", _loader)
targets = importlib.util.module_from_spec(_spec)
_loader.exec_module(targets)


def bench(name, real, cpu=None, items_per_iteration=1, unit="us", **counters):
    """One iteration entry as Google Benchmark writes it, times in `unit`: items_per_second is
    over CPU time."""
    cpu = real if cpu is None else cpu
    entry = {"name": name, "run_type": "iteration", "threads": 1, "iterations": 10, "real_time": real, "cpu_time": cpu,
             "time_unit": unit, "items_per_second": items_per_iteration / (cpu * targets.SECONDS[unit])}
    entry.update(counters)
    return entry


def document(*benchmarks):
    return {"context": {"num_cpus": 2, "mhz_per_cpu": 2600, "load_avg": [0.5, 0.4, 0.3], "date": "2026-12-04"},
            "benchmarks": list(benchmarks)}


STEPS = dict(create_us=10.0, submit_us=10.0, approve_us=10.0, ship_us=20.0, invoice_us=10.0, pay_us=10.0, complete_us=30.0)


class RatesTest(unittest.TestCase):
    def test_rate_is_by_the_wall_clock_when_cpu_time_differs(self):
        # 100 µs of CPU in 200 µs of wall time: Google Benchmark says 10,000/s, the clock 5,000/s.
        b = targets.median_of([bench("BM_FullLifecycleSqlite", real=200, cpu=100)])
        self.assertAlmostEqual(targets.rate(b), 5000)

    def test_rate_of_a_real_time_benchmark_is_taken_as_it_is(self):
        entry = bench("BM_FullLifecycleThreads/sqlite:0/hot:0/real_time/threads:2", real=100, cpu=150)
        entry["items_per_second"] = 20000
        b = targets.median_of([entry])
        self.assertEqual(targets.rate(b), 20000)

    def test_run_options_do_not_change_the_key(self):
        self.assertEqual(targets.key_of("BM_GrowthSqlite/10000/min_time:5.000"), "BM_GrowthSqlite/10000")
        self.assertEqual(targets.key_of("BM_OrderLineReportSqlite/8/iterations:3"), "BM_OrderLineReportSqlite/8")
        self.assertEqual(targets.key_of("BM_FullLifecycleThreads/sqlite:1/hot:1/real_time/threads:4"),
                         "BM_FullLifecycleThreads/sqlite:1/hot:1/threads:4")

    def test_repetitions_are_summed_up_by_their_median(self):
        run = targets.Run([document(bench("BM_FullLifecycleInMemory", 100), bench("BM_FullLifecycleInMemory", 300),
                                    bench("BM_FullLifecycleInMemory", 110))])
        self.assertAlmostEqual(targets.microseconds_per_item(run.get("BM_FullLifecycleInMemory")), 110)

    def test_aggregates_and_failed_runs_are_ignored(self):
        failed = bench("BM_FullLifecycleSqlite", 1)
        failed["error_occurred"] = True
        mean = bench("BM_FullLifecycleInMemory", 1)
        mean["run_type"] = "aggregate"
        run = targets.Run([document(failed, mean, bench("BM_FullLifecycleInMemory", 100))])
        self.assertIsNone(run.get("BM_FullLifecycleSqlite"))
        self.assertAlmostEqual(targets.microseconds_per_item(run.get("BM_FullLifecycleInMemory")), 100)


class VerdictTest(unittest.TestCase):
    def render(self, *benchmarks):
        return targets.render(targets.Run([document(*benchmarks)]))

    def row(self, text, figure):
        return next(line for line in text.splitlines() if line.startswith("| " + figure + " |"))

    def test_in_memory_target_is_missed_by_the_factor_it_is_short(self):
        row = self.row(self.render(bench("BM_FullLifecycleInMemory", 50, **STEPS)), "in memory, one thread")
        self.assertIn("**20,000/s**", row)
        self.assertIn("**no**: 10.0x short", row)

    def test_in_memory_target_is_met_at_five_microseconds(self):
        row = self.row(self.render(bench("BM_FullLifecycleInMemory", 4.9)), "in memory, one thread")
        self.assertIn("**yes**", row)

    def test_per_operation_ratio_is_the_engine_rate_over_the_baseline_rate(self):
        text = self.render(bench("BM_FullLifecycleSqlite", 800, **STEPS),
                           bench("BM_BaselineSqliteStatements", 200, cpu=100, rows_per_lifecycle=94))
        row = self.row(text, "SQLite, one transaction per operation")
        self.assertIn("**25.0 %**", row)  # 1,250/s against 5,000/s by the wall clock
        self.assertIn("the same 94 row writes", row)
        self.assertIn("**no**: 2.4x short", row)

    def test_batched_target_names_a_baseline_below_the_target(self):
        text = self.render(bench("BM_FullLifecycleBatched/sqlite:1/lifecycles:1000", 400, items_per_iteration=1000,
                                 unit="ms"),
                           bench("BM_BaselineSqliteStatementsBatched/1000", 50, items_per_iteration=1000, unit="ms"))
        row = self.row(text, "SQLite, 1,000 lifecycles per transaction")
        self.assertIn("**2,500/s**", row)
        self.assertIn("20,000/s", row)
        self.assertIn("12.5 %", row)
        self.assertIn("the baseline itself reaches 40 % of the target", row)

    def test_growth_below_ten_million_orders_is_not_judged(self):
        text = self.render(
            bench("BM_GrowthSqlite/10000/min_time:5.000", 1000, orders_stored=17000, op_p50_us=80, op_p99_us=400,
                  lifecycle_p50_us=800, lifecycle_p99_us=6000),
            bench("BM_GrowthSqlite/1000000/min_time:5.000", 1000, orders_stored=1800000, op_p50_us=88, op_p99_us=800,
                  lifecycle_p50_us=1000, lifecycle_p99_us=16000))
        row = self.row(text, "growth")
        self.assertIn("1.10x / 2.00x of 17,000 orders", row)
        self.assertIn("not measured at 10,000,000 orders (largest: 1,800,000)", row)
        self.assertIn("| 1,800,000 | 88.0 µs (1.10x) | 800 µs (2.00x) |", text)

    def test_growth_separates_the_processor_from_waiting_for_the_disk(self):
        points = dict(op_p50_us=80, op_p99_us=400, lifecycle_p50_us=800, lifecycle_p99_us=6000)
        text = self.render(bench("BM_GrowthSqlite/10000", 900, cpu=800, orders_stored=17000, **points),
                           bench("BM_GrowthSqlite/1000000", 1800, cpu=960, orders_stored=1800000, **points))
        self.assertIn("| 1,800,000 | 80.0 µs (1.00x) | 400 µs (1.00x) | 800 µs (1.00x) | 6,000 µs (1.00x) | "
                      "1,800 µs (2.00x) | 960 µs (1.20x) |", text)

    def test_growth_at_ten_million_orders_is_judged_on_the_worse_percentile(self):
        small = dict(orders_stored=17000, op_p50_us=80, op_p99_us=400, lifecycle_p50_us=800, lifecycle_p99_us=6000)
        within = dict(small, orders_stored=10_000_000, op_p50_us=150, op_p99_us=790)
        beyond = dict(within, op_p99_us=810)
        for large, verdict in ((within, "**yes**"), (beyond, "**no**")):
            text = self.render(bench("BM_GrowthSqlite/10000", 1, **small), bench("BM_GrowthSqlite/10000000", 1, **large))
            self.assertTrue(self.row(text, "growth").endswith(verdict + " |"), text)

    def test_threads_are_compared_with_one_thread_of_the_same_adapter(self):
        hot = bench("BM_FullLifecycleThreads/sqlite:0/hot:1/real_time/threads:2", 100, op_p50_us=20, op_p99_us=90)
        hot["items_per_second"] = 7000
        text = self.render(bench("BM_FullLifecycleInMemory", 100), hot)
        self.assertIn("| in memory | one hot product | 2 | 7,000/s | 0.70x | 20.0 µs / 90.0 µs | checked: none |", text)

    def test_steps_sum_to_the_lifecycle(self):
        text = self.render(bench("BM_FullLifecycleInMemory", 100, **STEPS))
        self.assertIn("| create the shipment, ship it | 2 | 20.0 µs (50,000/s) |", text)
        self.assertIn("| the whole lifecycle (steps' sum) | 9 | 100 µs |", text)

    def test_reports_are_timed_against_the_plain_group_by(self):
        report = bench("BM_OrderLineReportSqlite/0/iterations:3", 5000, items_per_iteration=1_536_000, unit="ms",
                       label="customer")
        floor = bench("BM_BaselineGroupBySqlite/0/iterations:3", 10000, items_per_iteration=1_536_000, unit="ms",
                      label="customer")
        unlabelled = bench("BM_OrderLineReportSqlite/8/iterations:3", 4000, items_per_iteration=1_536_000, unit="ms")
        text = self.render(report, floor, unlabelled)
        self.assertIn("| order lines by customer | 1,536,000 | 5.00 s | 10.00 s | 0.50x |", text)
        self.assertIn("| order lines by 8 | 1,536,000 | 4.00 s |  |  |", text)

    def test_a_partial_run_prints_only_what_it_measured(self):
        text = self.render(bench("BM_FullLifecycleInMemory", 100, bytes_per_order=21630.0))
        self.assertIn("| heap per completed 3-line order, in memory | 21.63 KB |", text)
        self.assertNotIn("SQLite", text)
        self.assertNotIn("#### Growth", text)

    def test_saved_files_are_merged_the_later_one_winning(self):
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for i, us in enumerate((100, 50)):
                paths.append(os.path.join(tmp, "run{}.json".format(i)))
                with open(paths[-1], "w", encoding="utf-8") as f:
                    json.dump(document(bench("BM_FullLifecycleInMemory", us)), f)
            out = io.StringIO()
            with redirect_stdout(out):
                status = targets.main(["--from", paths[0], "--from", paths[1]])
        self.assertEqual(status, 0)
        self.assertIn("**20,000/s**", out.getvalue())

    def test_an_unknown_part_is_refused_before_anything_runs(self):
        with redirect_stdout(io.StringIO()), self.assertRaises(SystemExit) as exit_:
            with open(os.devnull, "w", encoding="utf-8") as quiet, contextlib.redirect_stderr(quiet):
                targets.main(["--build", "/nonexistent", "standard", "growht"])
        self.assertEqual(exit_.exception.code, 2)


if __name__ == "__main__":
    unittest.main()
