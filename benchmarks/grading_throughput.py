"""Grading throughput: the harness against the floor, over the whole `implement` set.

- harness: `inspect eval` of the implement task with `agent=reference` (no model), which lays
  each gold answer in a sandbox and runs its hidden tests through the grader;
- floor: each task's hidden tests run directly with pytest in a fresh process on a prepared
  folder, with the same parallelism.
Prints both wall times and their ratio (target: ratio <= 1.3).

    .venv/bin/python benchmarks/grading_throughput.py [--parallel 2]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from inspect_ai import eval as inspect_eval

from archbench.core.dataset import TaskRecord
from archbench.evalkit import build_task
from archbench.io.datasets import load_kind


def time_harness(parallel: int, log_dir: Path) -> float:
    task = build_task("implement", "reference")
    start = time.perf_counter()
    [log] = inspect_eval(
        task, model="none", log_dir=str(log_dir), display="none",
        max_samples=parallel, max_subprocesses=parallel,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    if log.status != "success":
        raise SystemExit(f"harness run did not succeed: {log.status}")
    return elapsed


def prepare_floor_dir(record: TaskRecord, root: Path) -> Path:
    folder = root / record.id
    for relative, text in {**record.shown, **record.gold}.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    for relative, text in record.tests.items():
        target = folder / "tests_floor" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return folder


def run_floor_task(folder: Path) -> int:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests_floor"]
    return subprocess.run(
        command, cwd=folder, capture_output=True, env={"PYTHONPATH": str(folder)}
    ).returncode


def time_floor(records: list[TaskRecord], parallel: int) -> float:
    root = Path(tempfile.mkdtemp(prefix="archbench-floor-"))
    try:
        folders = [prepare_floor_dir(record, root) for record in records]
        start = time.perf_counter()
        with ThreadPoolExecutor(parallel) as pool:
            codes = list(pool.map(run_floor_task, folders))
        elapsed = time.perf_counter() - start
    finally:
        shutil.rmtree(root)
    if any(codes):
        raise SystemExit(f"floor: some reference runs failed: {codes}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--parallel", type=int, default=2)
    args = parser.parse_args()
    records = load_kind("implement").records
    with tempfile.TemporaryDirectory() as logs:
        time_harness(args.parallel, Path(logs) / "warmup")  # imports and caches warmed once
        harness = time_harness(args.parallel, Path(logs) / "timed")
    floor = time_floor(records, args.parallel)
    print(f"tasks: {len(records)}  parallel: {args.parallel}")
    print(f"harness wall time: {harness:.2f} s")
    print(f"floor wall time:   {floor:.2f} s")
    print(f"ratio:             {harness / floor:.2f}  (target <= 1.3)")


if __name__ == "__main__":
    main()
