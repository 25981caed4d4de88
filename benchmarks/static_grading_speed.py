"""Time the static grading of one sample over every implement and refactor reference.

Each sample is graded the way the scorer does it (ruff subprocess included), answer = the
reference, against the reference. Prints the median and the 95th percentile; the budget is a
0.5 s median (issue 5). Run: `.venv/bin/python benchmarks/static_grading_speed.py [rounds]`.
"""

from __future__ import annotations

import statistics
import sys
import time

from archbench.core.dataset import CodeTaskSpec, TaskRecord
from archbench.io.datasets import load_kind
from archbench.runner._static_tools import grade_static_sample, grader_identity

BUDGET_MEDIAN_SECONDS = 0.5


def reference_tree(record: TaskRecord) -> dict[str, str]:
    assert isinstance(record.spec, CodeTaskSpec)
    files = {path: text for path, text in record.shown.items() if path not in record.spec.delete}
    files.update(record.gold)
    return files


def time_one(record: TaskRecord) -> float:
    reference = reference_tree(record)
    started = time.perf_counter()
    grade_static_sample(reference, reference, record)
    return time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main(rounds: int) -> int:
    records = [*load_kind("implement").records, *load_kind("refactor").records]
    grader_identity()  # warm the ruff version cache: a one-off cost, not a per-sample one
    timings = [time_one(record) for _ in range(rounds) for record in records]
    median = statistics.median(timings)
    print(f"static grading: {len(records)} references x {rounds} rounds = {len(timings)} samples")
    print(
        f"median {median:.3f} s   p95 {percentile(timings, 0.95):.3f} s   max {max(timings):.3f} s"
    )
    verdict = "ok" if median <= BUDGET_MEDIAN_SECONDS else "OVER"
    print(f"budget: median <= {BUDGET_MEDIAN_SECONDS} s -> {verdict}")
    return 0 if median <= BUDGET_MEDIAN_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3))
