"""How often canary tests catch a forger that flips failing tests to passed at random.

A forger that marks each failing test passed with probability p, independently, and cannot tell
a canary from a real test flips each of a sample's k canary cases with probability p, so the
sample is caught with probability 1 - (1 - p)^k. This measures k on every implement and refactor
task (canary cases as pytest reports them, parametrized copies counted per case, over several
plans per task, each graded on the reference), prints the detection table, and, with
`--empirical N`, grades the reference of one task N times with a plugin that flips each failing
report with probability p, to check the formula end to end.

    .venv/bin/python benchmarks/canary_detection.py [--plans 3] [--empirical 40 --p 0.25]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
from pathlib import Path

from archbench.core.canaries import plant_canaries
from archbench.core.dataset import CodeTaskSpec, TaskRecord
from archbench.core.test_results import expected_tests
from archbench.io.datasets import load_kind
from archbench.runner import LocalWorkspace, plant_random_canaries, run_hidden_tests

PROBABILITIES = (0.05, 0.1, 0.25, 0.5, 1.0)
FLIPPER = """

import gc as _gc
import random as _random

import pytest as _pytest
from _pytest.config import Config as _Config


class _FlipAtRandom:
    @_pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        if report.failed and _random.random() < {p}:
            report.outcome = "passed"
            report.longrepr = None


_config = next(o for o in _gc.get_objects() if isinstance(o, _Config))
_config.pluginmanager.register(_FlipAtRandom(), "flip-at-random")
"""


def reference_files(record: TaskRecord) -> dict[str, str]:
    assert isinstance(record.spec, CodeTaskSpec)
    tree = {**record.shown, **record.gold}
    return {path: text for path, text in tree.items() if path not in record.spec.delete}


async def canary_cases(record: TaskRecord, seed: int) -> int:
    """Canary cases one plan puts in the report; each must fail on the reference."""
    plan = plant_canaries(record.tests, random.Random(seed))
    with tempfile.TemporaryDirectory(prefix="archbench-canaries-") as folder:
        run = await run_hidden_tests(
            LocalWorkspace(Path(folder)), reference_files(record), record.tests, canaries=plan
        )
    summary = run.summary
    if summary.fraction != 1.0 or summary.tampering:
        raise SystemExit(f"{record.id}: {summary.explanation()}")
    if any(case.outcome != "failed" for case in summary.canaries):
        raise SystemExit(f"{record.id}: a canary did not fail on the reference")
    return len(summary.canaries)


def detection(p: float, k: int) -> float:
    return 1 - (1 - p) ** k


async def measure(plans: int) -> dict[str, list[int]]:
    cases: dict[str, list[int]] = {}
    for kind in ("implement", "refactor"):
        for record in load_kind(kind).records:
            cases[record.id] = [await canary_cases(record, seed) for seed in range(plans)]
            tests = len(expected_tests(record.tests))
            print(f"{record.id:42} {tests:3} tests  canary cases per plan {cases[record.id]}")
    return cases


def print_table(cases: dict[str, list[int]]) -> None:
    """Detection at the smallest, the median and the largest task's k (each task's k is the
    median over its plans, rounded down), and averaged over every task."""
    per_task = sorted(int(statistics.median(values)) for values in cases.values())
    low, middle, high = per_task[0], int(statistics.median(per_task)), per_task[-1]
    print(f"\ncanary cases per sample: min {low}, median {middle}, max {high}")
    print(f"| p (each failure flipped) | k = {low} | k = {middle} | k = {high} | mean over tasks |")
    print("|---|---|---|---|---|")
    for p in PROBABILITIES:
        mean = statistics.mean(detection(p, k) for k in per_task)
        cells = [f"{detection(p, k):.1%}" for k in (low, middle, high)]
        print(f"| {p:g} | {' | '.join(cells)} | {mean:.1%} |")


async def empirical(task: str, trials: int, p: float) -> None:
    [record] = [r for r in load_kind("implement").records if r.id == task]
    files = reference_files(record)
    assert isinstance(record.spec, CodeTaskSpec)
    module = record.spec.interface.modules[0]
    files[module] = files[module] + FLIPPER.replace("{p}", repr(p))
    caught, ks = 0, []
    for _ in range(trials):
        plan = plant_random_canaries(record.tests)
        with tempfile.TemporaryDirectory(prefix="archbench-canaries-") as folder:
            run = await run_hidden_tests(
                LocalWorkspace(Path(folder)), files, record.tests, canaries=plan
            )
        caught += bool(run.summary.tampering)
        ks.append(len(run.summary.canaries))
    expected = statistics.mean(detection(p, k) for k in ks)
    print(
        f"\n{task}, reference + a plugin flipping each failure with p={p}: caught {caught}/"
        f"{trials} ({caught / trials:.0%}); 1-(1-p)^k over the same k: {expected:.0%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=3, help="plans graded per task")
    parser.add_argument("--empirical", type=int, default=0, help="flipping-forger trials")
    parser.add_argument("--p", type=float, default=0.25, help="the forger's flip probability")
    parser.add_argument("--task", default="retry-exponential-backoff")
    args = parser.parse_args()
    print_table(asyncio.run(measure(args.plans)))
    if args.empirical:
        asyncio.run(empirical(args.task, args.empirical, args.p))


if __name__ == "__main__":
    main()
