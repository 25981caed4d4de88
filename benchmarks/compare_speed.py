"""How fast is `archbench compare`, from `.eval` files to all four reports?

Targets (issue 20, item 7), on the project's 2-core machine: 1,000 samples x 3 epochs in at most
2 s wall (median of 3) and 10,000 samples x 1 epoch in at most 8 s with a peak RSS of at most
300 MB, from `.eval` files to the terminal, Markdown, HTML and JSON reports.

    .venv/bin/python benchmarks/compare_speed.py [--sizes 1000x3 10000x1] [--repeats 3]
                                                 [--cache DIR] [--no-bytecode]

Two measurements per size, each in fresh interpreters so that import costs and peak memory are
those of one real command:
- `archbench compare` as a user runs it (console script, subprocess): wall, CPU, peak RSS;
- the same work in-process, stage by stage: import, read, analyse, and each report rendered.

Synthetic logs (two versions of one task, with a few errored and unscored sample-epochs) are
written once per size under the cache directory (a temporary directory by default, never the
repository); writing takes ~2.5 ms per sample-epoch and is not measured. archbench's bytecode is
written first, as an install writes it (see ``compile_sources``). The exit status is 1 when a
target is missed, so the script can gate a machine that is not under other load; the load
average is printed with each result, because on a shared machine wall time is not the tool's.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the synthetic log writer lives with the tests

from tests.compare.logfactory import RunSpec, ScoreFn, ScoreValue, write_run  # noqa: E402

ARCHBENCH = Path(sys.executable).with_name("archbench")
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "archbench-compare-bench"


@dataclass(frozen=True)
class Size:
    """One benchmark size and its targets."""

    samples: int
    epochs: int
    target_seconds: float
    target_mib: float | None = None

    @property
    def name(self) -> str:
        return f"{self.samples}x{self.epochs}"


TARGETS = {"1000x3": Size(1_000, 3, 2.0), "10000x1": Size(10_000, 1, 8.0, 300.0)}

# Runs in a fresh interpreter: wall and CPU seconds per stage, then peak RSS (MiB), as JSON.
_STAGES = """
import json, resource, sys, time
from pathlib import Path
marks = []
def mark(name):
    marks.append((name, time.perf_counter(), time.process_time()))
mark("start")
from archbench.compare import CompareOptions, find_mismatches, load_prices
from archbench.compare import build_report, to_html, to_json, to_markdown, to_terminal
from archbench.compare._command import collector_paused
from archbench.compare._flips import attach_flips
from archbench.compare._logs import load_versions
from archbench.compare._routing import routing_markdown, routing_tables
mark("import")
collector_paused().__enter__()  # as run_comparison does, for the whole command
base, candidate = load_versions(["pba@v1", "pba@v2"], Path(sys.argv[1]))
mark("read")
report = build_report(base, candidate, CompareOptions(), load_prices(),
                      find_mismatches(base, candidate))
mark("analyse")
report = attach_flips(report, base, candidate, Path(sys.argv[1]))
mark("flips")
to_terminal(report)
mark("terminal")
to_markdown(report) + routing_markdown(report)
mark("markdown")
to_json(report)
mark("json")
to_html(report, routing_tables(report))
mark("html")
result = {name: [b - a_wall, c - a_cpu]
          for (_, a_wall, a_cpu), (name, b, c) in zip(marks, marks[1:])}
result["total"] = [marks[-1][1] - marks[0][1], marks[-1][2] - marks[0][2]]
result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def _scores(salt: str) -> ScoreFn:
    """Deterministic scores; about 1% of sample-epochs error and 1% leave modularity unscored."""

    def scores(sample_id: str, epoch: int) -> Mapping[str, ScoreValue] | None:
        hashed = zlib.crc32(f"{salt}{sample_id}:{epoch}".encode())
        if hashed % 101 == 0:
            return None
        noise = hashed % 1000 / 1000
        modularity = None if hashed % 103 == 0 else 1 - noise
        return {
            "hidden_tests": {"spec_adherence": noise, "modularity": modularity, "minimality": 0.5},
            "bug_detection": float(noise > 0.4),
        }

    return scores


def ensure_logs(cache: Path, size: Size) -> Path:
    """Two versions' logs of one task, written once per size."""
    log_dir = cache / f"logs-{size.name}-realistic"
    ids = [f"s{i:05d}" for i in range(size.samples)]
    for version in ("v1", "v2"):
        path = log_dir / f"implement-{version}.eval"
        if not path.exists():
            started = time.perf_counter()
            spec = RunSpec("implement", "pba", version, realistic=True)
            write_run(path, spec, ids, size.epochs, _scores(version))
            print(f"  wrote {path} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return log_dir


@dataclass(frozen=True)
class Measured:
    wall: float
    cpu: float
    peak_mib: float


# The same command without the CLI module.
_FUNCTION = """
import sys
from pathlib import Path
from archbench.compare import run_comparison
sys.exit(run_comparison("pba@v1", "pba@v2", Path(sys.argv[1]), Path(sys.argv[2])))
"""


def _measure(command: Sequence[str]) -> Measured:
    """Run ``command``; its wall time and the rusage of that child alone (os.wait4)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=REPO)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1 is a REGRESSION verdict, a normal outcome
        raise RuntimeError(f"{' '.join(command)} exited {code}")
    return Measured(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def run_cli(log_dir: Path, out_dir: Path) -> Measured:
    """`archbench compare` as a user types it."""
    return _measure([str(ARCHBENCH), "compare", "pba@v1", "pba@v2", "--log-dir", str(log_dir),
                     "--out", str(out_dir)])  # fmt: skip


def run_function(log_dir: Path, out_dir: Path) -> Measured:
    """`run_comparison` in a fresh interpreter: the command once the CLI loads lazily."""
    return _measure([sys.executable, "-c", _FUNCTION, str(log_dir), str(out_dir)])


def import_seconds(repeats: int) -> float:
    """Median CPU seconds of `import archbench.compare` in a fresh interpreter."""
    code = "import time; t = time.process_time(); import archbench.compare; " \
        "print(time.process_time() - t)"  # fmt: skip
    command = [sys.executable, "-c", code]
    runs = [subprocess.run(command, capture_output=True, text=True, check=True)
            for _ in range(repeats)]  # fmt: skip
    return statistics.median(float(run.stdout) for run in runs)


def _print_measured(label: str, runs: Sequence[Measured]) -> None:
    walls = ", ".join(f"{m.wall:.2f}" for m in runs)
    print(f"  {label}: {statistics.median(m.wall for m in runs):.2f} s wall (runs: {walls}), "
          f"{statistics.median(m.cpu for m in runs):.2f} s CPU, "
          f"peak {max(m.peak_mib for m in runs):.0f} MiB")  # fmt: skip


def run_stages(log_dir: Path) -> dict[str, list[float]]:
    result = subprocess.run(
        [sys.executable, "-c", _STAGES, str(log_dir)],
        capture_output=True, text=True, check=True, cwd=REPO,
    )  # fmt: skip
    measured: dict[str, list[float]] = {
        k: v if isinstance(v, list) else [v, v] for k, v in json.loads(result.stdout).items()
    }
    return measured


def _median_stages(runs: Sequence[dict[str, list[float]]]) -> dict[str, list[float]]:
    return {
        name: [statistics.median(run[name][i] for run in runs) for i in range(2)]
        for name in runs[0]
    }


def _print_stages(stages: dict[str, list[float]]) -> None:
    print(f"  {'stage':<10} {'wall s':>8} {'cpu s':>8}")
    for name, (wall, cpu) in stages.items():
        if name == "peak_mib":
            print(f"  {'peak RSS':<10} {wall:>7.0f}M")
        else:
            print(f"  {name:<10} {wall:>8.3f} {cpu:>8.3f}")


def benchmark(size: Size, cache: Path, repeats: int) -> bool:
    """Measure one size; print the table; True when its targets are met."""
    log_dir = ensure_logs(cache, size)
    cli = [run_cli(log_dir, cache / f"report-{size.name}") for _ in range(repeats)]
    function = [run_function(log_dir, cache / f"report-{size.name}") for _ in range(repeats)]
    stages = _median_stages([run_stages(log_dir) for _ in range(repeats)])
    print(f"{size.name} (samples x epochs, 2 versions), median of {repeats}:")
    _print_measured("archbench compare", cli)
    _print_measured("run_comparison (no CLI imports)", function)
    print("  in-process stages:")
    _print_stages(stages)
    wall = statistics.median(m.wall for m in cli)
    peak = max(m.peak_mib for m in cli)
    met = wall <= size.target_seconds and (size.target_mib is None or peak <= size.target_mib)
    limit = "" if size.target_mib is None else f", <= {size.target_mib:.0f} MiB"
    print(f"  target <= {size.target_seconds:.0f} s{limit}: {'met' if met else 'MISSED'} "
          f"(load average {_load()})")  # fmt: skip
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", choices=sorted(TARGETS), default=list(TARGETS))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument(
        "--no-bytecode", action="store_true",
        help="do not write archbench's bytecode first (each run then compiles its modules)",
    )  # fmt: skip
    args = parser.parse_args()
    if not args.no_bytecode:
        compile_sources()
    print(f"load average at start: {_load()} (2 cores)")
    print(f"import archbench.compare: {import_seconds(args.repeats):.2f} s CPU (median)")
    met = [benchmark(TARGETS[name], args.cache, args.repeats) for name in args.sizes]
    print(f"load average at end: {_load()} (2 cores)")
    return 0 if all(met) else 1


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def compile_sources() -> None:
    """Write archbench's bytecode, as installing a package does. Where PYTHONDONTWRITEBYTECODE
    is set (as on the project's machines) nothing else writes it, and every run would compile
    the ~40 modules a comparison imports (~0.1 s) that a user's command loads from bytecode."""
    compileall.compile_dir(REPO / "src" / "archbench", quiet=1)
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("bytecode: written for src/archbench (PYTHONDONTWRITEBYTECODE is set here)")


if __name__ == "__main__":
    raise SystemExit(main())
