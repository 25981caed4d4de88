"""How fast is `archbench compare`, from `.eval` files to report.json, report.md and report.html?

Target (issue 8): two runs of 1,000 samples x 3 epochs in at most 5 s on the project machine.
Also runs 10,000 samples to show how time and peak memory grow. Each measurement runs in a fresh
subprocess so that peak memory (ru_maxrss) and import costs are those of one real command.

    .venv/bin/python benchmarks/compare_speed.py [--sizes 1000 10000] [--cache DIR]

Synthetic logs are written once per size into the cache directory (writing is slow, ~2.5 ms per
sample-epoch, and is not part of the measurement).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import zlib
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the synthetic log writer lives with the tests

from tests.compare.logfactory import RunSpec, ScoreFn, ScoreValue, write_run  # noqa: E402

EPOCHS = 3
TARGET_SECONDS = 5.0

# Runs in a fresh interpreter: wall and CPU seconds per stage, then peak RSS.
_MEASURE = """
import json, resource, sys, time
from pathlib import Path
marks = [(time.perf_counter(), time.process_time())]
def mark():
    marks.append((time.perf_counter(), time.process_time()))
from archbench.compare import CompareOptions, compare_versions, load_prices, write_report
mark()
report = compare_versions("pba@v1", "pba@v2", Path(sys.argv[1]), CompareOptions(), load_prices())
mark()
write_report(report, Path(sys.argv[2]))
mark()
stages = ["import", "read+analyse", "render+write"]
result = {name: [round(b[0] - a[0], 3), round(b[1] - a[1], 3)]
          for name, a, b in zip(stages, marks, marks[1:])}
result["total"] = [round(marks[-1][0] - marks[0][0], 3), round(marks[-1][1] - marks[0][1], 3)]
result["peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
print(json.dumps(result))
"""


def _score(salt: str) -> ScoreFn:
    def scores(sample_id: str, epoch: int) -> Mapping[str, ScoreValue]:
        noise = zlib.crc32(f"{salt}{sample_id}:{epoch}".encode()) % 1000 / 1000
        return {
            "hidden_tests": {"spec_adherence": noise, "modularity": 1 - noise, "minimality": 0.5},
            "bug_detection": float(noise > 0.4),
        }

    return scores


def ensure_logs(cache: Path, samples: int) -> Path:
    """Two versions' logs of one task with ``samples`` x 3 epochs, written once."""
    log_dir = cache / f"logs-{samples}"
    ids = [f"s{i:05d}" for i in range(samples)]
    for version in ("v1", "v2"):
        path = log_dir / f"implement-{version}.eval"
        if not path.exists():
            started = time.perf_counter()
            write_run(path, RunSpec("implement", "pba", version), ids, EPOCHS, _score(version))
            print(f"  wrote {path} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return log_dir


def measure(log_dir: Path, out_dir: Path) -> dict[str, object]:
    """Run one comparison in a fresh interpreter; return [wall, cpu] seconds per stage and peak
    MiB. CPU time is printed too because the machine is shared: wall time grows with the load."""
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(log_dir), str(out_dir)],
        capture_output=True, text=True, check=True, cwd=REPO,
    )  # fmt: skip
    measured: dict[str, object] = json.loads(result.stdout)
    return measured


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/archbench-compare-bench"))
    args = parser.parse_args()
    results: dict[int, dict[str, object]] = {}
    for size in args.sizes:
        log_dir = ensure_logs(args.cache, size)
        results[size] = measure(log_dir, args.cache / f"report-{size}")
        print(f"{size:>6} samples x {EPOCHS} epochs x 2 versions: {_describe(results[size])}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores)")
    first = results.get(1_000)
    return 0 if first is None or _wall(first) <= TARGET_SECONDS else 1


def _wall(result: dict[str, object]) -> float:
    total = result["total"]
    assert isinstance(total, list)
    return float(total[0])


def _describe(result: dict[str, object]) -> str:
    stages = ", ".join(
        f"{name} {value[0]:.2f}/{value[1]:.2f}"
        for name, value in result.items()
        if isinstance(value, list)
    )
    return f"wall/cpu s: {stages}; peak {result['peak_mib']} MiB"


if __name__ == "__main__":
    raise SystemExit(main())
