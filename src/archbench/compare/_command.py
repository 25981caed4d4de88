"""The `archbench compare` and `archbench trend` commands (argparse wiring and exit codes).

Exit codes of compare (README, "Comparing prompt versions"):
0 NO REGRESSION (and NOT ENOUGH EVIDENCE unless --fail-on-inconclusive), 1 REGRESSION,
2 INVALID COMPARISON or bad input (unknown version, no logs, mismatch, nothing paired),
3 a selected log whose status is not ``success``, 4 NOT ENOUGH EVIDENCE with
--fail-on-inconclusive.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archbench.core.errors import ArchbenchError
from archbench.core.registry import JUDGE_PREFIX, METRICS, metric_spec
from archbench.core.report_model import Report

from ._analysis import (
    DEFAULT_LOWER_IS_BETTER,
    CompareOptions,
    PriceTable,
    build_report,
    find_mismatches,
)
from ._errors import CompareInputError, LogStatusError
from ._flips import attach_flips
from ._logs import LogDir, load_versions
from ._prices import DEFAULT_PRICES, load_prices
from ._records import VersionRuns
from ._render import to_html, to_json, to_markdown, to_terminal
from ._routing import routing_markdown, routing_tables
from ._trend import run_trend

EXIT_OK = 0
EXIT_REGRESSION = 1
EXIT_INVALID = CompareInputError.exit_code  # 2
EXIT_LOG_STATUS = LogStatusError.exit_code  # 3: the same meaning as `ab`'s "did not finish"
EXIT_NOT_ENOUGH_EVIDENCE = 4
DEFAULT_LOG_DIR = Path("logs")
DEFAULT_REPORTS_DIR = Path("reports")
_UNSAFE_PATH_CHARS = re.compile(r"[^A-Za-z0-9._@-]+")


@dataclass(frozen=True)
class ReportFiles:
    json: Path
    markdown: Path
    html: Path


# --------------------------------------------------------------------------- the comparison


def prompt_diff(base: VersionRuns, candidate: VersionRuns) -> str | None:
    """Unified diff of the two prompt files, or None when either file is not available."""
    paths = [side.first_run.agent_path for side in (base, candidate)]
    if not all(p and Path(p).is_file() for p in paths):
        return None
    old, new = (Path(str(p)) for p in paths)
    return "".join(
        difflib.unified_diff(
            old.read_text(encoding="utf-8").splitlines(keepends=True),
            new.read_text(encoding="utf-8").splitlines(keepends=True),
            fromfile=f"base/{old.name}",
            tofile=f"candidate/{new.name}",
        )
    )


def compare_versions(
    base_ref: str,
    candidate_ref: str,
    log_dir: LogDir,
    options: CompareOptions,
    prices: PriceTable,
) -> Report:
    """Load both versions and build the report; runs that must not be compared (a mismatch
    without ``allow_mismatch``, nothing paired) give an INVALID COMPARISON report that says
    why, instead of an exception, so CI still gets a report to show."""
    base, candidate = load_versions([base_ref, candidate_ref], log_dir)
    mismatches = find_mismatches(base, candidate)
    report = build_report(
        base, candidate, options, prices, mismatches, prompt_diff(base, candidate)
    )
    return attach_flips(report, base, candidate, log_dir)


def default_out_dir(base_ref: str, candidate_ref: str) -> Path:
    """``reports/<base>-vs-<candidate>/`` with each reference reduced to a safe file name."""

    def safe(reference: str) -> str:
        name = Path(reference).stem if reference.endswith((".eval", ".json")) else reference
        return _UNSAFE_PATH_CHARS.sub("_", name)

    return DEFAULT_REPORTS_DIR / f"{safe(base_ref)}-vs-{safe(candidate_ref)}"


def write_report(report: Report, out_dir: Path) -> ReportFiles:
    """Write report.json, report.md and report.html into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files = ReportFiles(out_dir / "report.json", out_dir / "report.md", out_dir / "report.html")
    files.json.write_text(to_json(report), encoding="utf-8")
    files.markdown.write_text(to_markdown(report) + routing_markdown(report), encoding="utf-8")
    files.html.write_text(to_html(report, routing_tables(report)), encoding="utf-8")
    return files


def exit_code(report: Report, fail_on_inconclusive: bool = False) -> int:
    """The exit code of a report's verdict (see the module docstring)."""
    codes = {
        "REGRESSION": EXIT_REGRESSION,
        "INVALID COMPARISON": EXIT_INVALID,
        "NOT ENOUGH EVIDENCE": EXIT_NOT_ENOUGH_EVIDENCE if fail_on_inconclusive else EXIT_OK,
    }
    return codes.get(report.verdict, EXIT_OK)


# --------------------------------------------------------------------------- argparse


ALL_METRICS = "*"


def parse_delta(text: str) -> tuple[str, float]:
    """``METRIC=VALUE`` -> (metric, value); a bare ``VALUE`` sets the default margin."""
    metric, sep, value = text.rpartition("=")
    if sep and not metric:
        raise argparse.ArgumentTypeError(f"expected METRIC=VALUE or VALUE, got '{text}'")
    metric = metric or ALL_METRICS
    if metric != ALL_METRICS and metric_spec(metric) is None:
        known = ", ".join([*METRICS, f"{JUDGE_PREFIX}*"])
        raise argparse.ArgumentTypeError(f"unknown metric '{metric}' in '{text}' (known: {known})")
    try:
        margin = float(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number in '{text}'") from error
    if margin < 0:
        raise argparse.ArgumentTypeError(f"a margin must be >= 0, got '{text}'")
    return metric, margin


def options_from_args(args: argparse.Namespace) -> CompareOptions:
    deltas = dict(args.delta or [])
    return CompareOptions(
        alpha=args.alpha,
        delta=deltas.pop(ALL_METRICS, None),
        metric_deltas=deltas,
        allow_mismatch=args.allow_mismatch,
        fail_on_inconclusive=args.fail_on_inconclusive,
        lower_is_better=DEFAULT_LOWER_IS_BETTER | frozenset(args.lower_is_better or []),
    )


def run_comparison(
    base_ref: str,
    candidate_ref: str,
    log_dir: Path = DEFAULT_LOG_DIR,
    out_dir: Path | None = None,
    options: CompareOptions | None = None,
    prices_file: Path = DEFAULT_PRICES,
) -> int:
    """The whole command as a function (for `archbench demo` and scripts): compare, write the
    three reports, print the terminal summary and the report paths; return the exit code."""
    with collector_paused():
        try:
            report = compare_versions(
                base_ref, candidate_ref, log_dir, options or CompareOptions(),
                load_prices(prices_file),
            )  # fmt: skip
        except LogStatusError as error:
            return _fail(error, LogStatusError.exit_code)
        except ArchbenchError as error:
            return _fail(error, CompareInputError.exit_code)
        files = write_report(report, out_dir or default_out_dir(base_ref, candidate_ref))
    print(to_terminal(report), end="")
    print(f"reports: {files.markdown}  {files.json}\nhtml: {files.html}")
    for reason in report.invalid:
        print(f"archbench compare: invalid comparison: {reason}", file=sys.stderr)
    return exit_code(report, (options or CompareOptions()).fail_on_inconclusive)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a comparison runs, then restored.

    A comparison builds hundreds of thousands of small objects (records, pairs, report rows)
    that all live until the reports are written, and each automatic full collection walks
    every one of them: at 10,000 samples that was half of the analysis time. The few cycles
    made meanwhile are collected once the collector runs again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def handle_compare(args: argparse.Namespace) -> int:
    """`archbench compare` handler: the parsed arguments to ``run_comparison``."""
    return run_comparison(
        args.base, args.candidate, args.log_dir, args.out, options_from_args(args), args.prices
    )


def _fail(error: Exception, code: int) -> int:
    print(f"archbench compare: {error}", file=sys.stderr)
    return code


def _probability(text: str) -> float:
    value = float(text)
    if not 0.0 < value < 1.0:
        raise argparse.ArgumentTypeError(f"alpha must be in (0, 1), got {text}")
    return value


def add_compare_parser(subparsers: Any) -> None:
    """Register ``archbench compare`` on an argparse subparsers object."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "compare",
        help="compare two agent prompt versions: REGRESSION, NO REGRESSION, NOT ENOUGH "
        "EVIDENCE or INVALID COMPARISON",
        description="Paired, epoch-aware comparison of two agent versions' eval logs. "
        "Exit 0 no regression (or not enough evidence), 1 regression, 2 invalid comparison or "
        "bad input, 3 a log that did not succeed, 4 not enough evidence with "
        "--fail-on-inconclusive.",
    )
    parser.add_argument("base", help="base version: name@version, reference, null, or a .eval")
    parser.add_argument("candidate", help="candidate version (same forms as base)")
    parser.add_argument("--log-dir", type=Path, default=DEFAULT_LOG_DIR, help="default: logs/")
    parser.add_argument(
        "--out", type=Path, default=None, help="default: reports/<base>-vs-<candidate>/"
    )
    parser.add_argument("--alpha", type=_probability, default=0.05, help="family-wise error rate")
    parser.add_argument(
        "--delta", type=parse_delta, action="append", metavar="[METRIC=]VALUE",
        help="non-inferiority margin, for one metric or (bare VALUE) every other metric; "
        "default 0.10 for pass/fail metrics, 0.05 for continuous ones; repeatable",
    )  # fmt: skip
    parser.add_argument(
        "--fail-on-inconclusive", action="store_true",
        help="exit 4 on NOT ENOUGH EVIDENCE (default: exit 0; the headline still says so)",
    )  # fmt: skip
    parser.add_argument(
        "--allow-mismatch", action="store_true",
        help="compare the common samples even if datasets or graders differ",
    )  # fmt: skip
    parser.add_argument(
        "--lower-is-better", action="append", metavar="METRIC",
        help="a metric where a decrease is an improvement (repeatable; false_positives and "
        "clarification_turns always)",
    )  # fmt: skip
    parser.add_argument(
        "--prices", type=Path, default=DEFAULT_PRICES, help="YAML price table (per M tokens)"
    )
    parser.set_defaults(handler=handle_compare)


def add_trend_parser(subparsers: Any) -> None:
    """Register ``archbench trend`` on an argparse subparsers object."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "trend", help="history of every agent version and metric over the runs in a log dir"
    )
    parser.add_argument("--log-dir", type=Path, default=DEFAULT_LOG_DIR, help="default: logs/")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_REPORTS_DIR / "trend", help="where the plot goes"
    )
    parser.set_defaults(handler=run_trend)
