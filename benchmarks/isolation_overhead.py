"""Time overhead of the bubblewrap sandbox per graded sample, against unisolated execution.

Grades every implement task's reference with the same hidden-test runner in inspect's `local`
sandbox and in `archbench-bwrap`, alternating per task, and prints the medians.

    .venv/bin/python benchmarks/isolation_overhead.py [--rounds 1]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from archbench.core.dataset import TaskRecord
from archbench.inspect_compat import LocalSandboxEnvironment
from archbench.io.datasets import load_kind
from archbench.runner import BwrapSandboxEnvironment, SandboxWorkspace, run_hidden_tests


async def grade_seconds(sandbox: LocalSandboxEnvironment, record: TaskRecord) -> float:
    files = {**record.shown, **record.gold}
    start = time.perf_counter()
    try:
        run = await run_hidden_tests(SandboxWorkspace(sandbox), files, record.tests)
    finally:
        if isinstance(sandbox, BwrapSandboxEnvironment):
            sandbox.close()
        else:
            sandbox.directory.cleanup()
    if run.summary.fraction != 1.0:
        raise SystemExit(f"{record.id}: reference failed: {run.summary.explanation()}")
    return time.perf_counter() - start


async def measure(records: list[TaskRecord], rounds: int) -> tuple[list[float], list[float]]:
    local, isolated = [], []
    for _ in range(rounds):
        for record in records:
            local.append(await grade_seconds(LocalSandboxEnvironment(), record))
            isolated.append(await grade_seconds(BwrapSandboxEnvironment(), record))
    return local, isolated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    records = load_kind("implement").records
    local, isolated = asyncio.run(measure(records, args.rounds))
    overhead = [b - a for a, b in zip(local, isolated, strict=True)]
    print(f"samples: {len(local)}")
    print(f"median per sample, local (unisolated): {statistics.median(local):.3f} s")
    print(f"median per sample, archbench-bwrap:    {statistics.median(isolated):.3f} s")
    print(f"median overhead of isolation:          {statistics.median(overhead):+.3f} s")


if __name__ == "__main__":
    main()
