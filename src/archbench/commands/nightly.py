"""`archbench nightly --config benchmark.yaml`: what CI runs every night, as one command.

Estimate the cost and refuse a run that does not fit the budget; run every agent version on
every task with inspect's `eval_set` (retries; re-running after a crash continues where it
stopped and does not pay again for finished samples; the baseline's generations are cached);
stop starting samples once actual usage passes the budget; compare each candidate with the
baseline; write the reports, a job summary and a history entry.

Exit codes: 0 no regression, 1 a regression, 2 configuration error (or an estimate over
budget), 3 infrastructure failure (an incomplete log, the budget spent mid-run, unreadable
logs). inspect exits 0 on failed evals, so the logs' status is what decides.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from archbench.commands._nightly_plan import (
    build_tasks,
    describe_estimate,
    estimate_cost,
)
from archbench.commands._nightly_run import (
    EXIT_CONFIG,
    EXIT_INFRASTRUCTURE,
    EXIT_NOT_ENOUGH_EVIDENCE,
    EXIT_OK,
    EXIT_REGRESSION,
    SUMMARY_FILE,
    RunOutcome,
    run_and_compare,
    worst_exit,
    write_history,
)
from archbench.compare import (
    load_prices,
)
from archbench.core.agent_ref import parse_agent_ref
from archbench.core.benchmark_config import (
    BenchmarkConfig,
    parse_benchmark_config,
)
from archbench.core.budget import (
    over_budget,
)
from archbench.core.errors import ArchbenchError
from archbench.io.agents import load_agent
from archbench.tasks import TASKS

__all__ = [
    "EXIT_CONFIG",
    "EXIT_INFRASTRUCTURE",
    "EXIT_NOT_ENOUGH_EVIDENCE",
    "EXIT_OK",
    "EXIT_REGRESSION",
    "SUMMARY_FILE",
    "execute",
    "load_config",
    "worst_exit",
]


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "nightly",
        help="run the benchmark against the baseline within a budget, compare, report",
        description="Exit 0 ok, 1 regression, 2 configuration error, 3 infrastructure failure.",
    )
    parser.add_argument(
        "--config", type=Path, default=Path("benchmark.yaml"), help="default: benchmark.yaml"
    )
    parser.add_argument(
        "--estimate-only", action="store_true", help="print the cost estimate and stop"
    )
    parser.add_argument("--prices", type=Path, default=None, help="YAML price table")
    parser.add_argument(
        "--run-id",
        default=None,
        help="the run's log folder under log_dir (default: today's UTC date, so a re-run the "
        "same day resumes and the next night starts afresh)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        config, notes = pin_candidates(load_config(args.config))
    except ArchbenchError as error:
        print(f"archbench nightly: {error}", file=sys.stderr)
        return EXIT_CONFIG
    for note in notes:
        print(f"archbench nightly: {note}")
    return execute(config, args.prices, args.estimate_only, args.run_id)


def run_log_dir(log_dir: str, run_id: str | None) -> str:
    """One eval set per run: inspect's eval_set refuses a folder holding other sets' logs."""
    day = datetime.now(UTC).date().isoformat()
    return f"{log_dir.rstrip('/')}/{run_id or day}"


def execute(
    config: BenchmarkConfig,
    prices_file: Path | None,
    estimate_only: bool = False,
    run_id: str | None = None,
) -> int:
    """Estimate, check the budget and the key, run, compare, record; return the exit code."""
    try:
        prices = load_prices(prices_file) if prices_file else load_prices()
        tasks = build_tasks(config)
        estimate = estimate_cost(config, tasks, prices)
    except ArchbenchError as error:
        print(f"archbench nightly: {error}", file=sys.stderr)
        return EXIT_CONFIG
    print(describe_estimate(estimate))
    refusal = over_budget(estimate, config.budget.max_dollars, config.budget.max_tokens)
    if refusal:
        print(f"archbench nightly: refusing to start: {refusal}", file=sys.stderr)
        return EXIT_CONFIG
    if estimate_only:
        return EXIT_OK
    missing = missing_credentials(config)
    if missing:
        print(f"archbench nightly: {missing}", file=sys.stderr)
        return EXIT_CONFIG
    outcome = RunOutcome(config, estimate, run_log_dir(config.log_dir, run_id))
    run_and_compare(outcome, tasks, prices)
    write_history(outcome)
    for problem in outcome.problems:
        print(f"archbench nightly: {problem}")
    return outcome.exit_code


def load_config(path: Path) -> BenchmarkConfig:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ArchbenchError(
            f"{path}: cannot read the benchmark config: {error.strerror}"
        ) from error
    return parse_benchmark_config(text, str(path), tuple(TASKS))


# Providers archbench documents, and the variable each needs; others are left to inspect.
CREDENTIALS = {"anthropic": ("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN")}


def missing_credentials(config: BenchmarkConfig) -> str | None:
    """Fail before spending anything when a model's provider has no key in the environment."""
    missing = missing_key([model for model in (config.model, config.grader_model) if model])
    return f"{missing} (in CI, from a repository secret); nothing was run" if missing else None


def missing_key(models: list[str]) -> str | None:
    """Name the variable to set when a model's provider has no key in the environment."""
    for model in models:
        variables = CREDENTIALS.get(model.partition("/")[0], ())
        if variables and not any(os.environ.get(variable) for variable in variables):
            return f"{model} needs an API key: set {variables[0]}"
    return None


def pin_candidates(config: BenchmarkConfig) -> tuple[BenchmarkConfig, list[str]]:
    """Bare agent names become `name@<newest version>`; a candidate that is the baseline is
    dropped with a note (a nightly before anyone wrote a new version runs the baseline alone)."""
    pinned, notes = [], []
    for candidate in config.candidates:
        ref = parse_agent_ref(candidate)
        name = ref.name
        if ref.version is None and not ref.is_control:
            candidate = str(ref.with_version(load_agent(name).version or ""))
        if candidate == config.baseline:
            notes.append(f"candidate {name} is the baseline {config.baseline}: nothing to compare")
        else:
            pinned.append(candidate)
    return config.model_copy(update={"candidates": pinned}), notes
