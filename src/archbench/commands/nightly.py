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
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from inspect_ai import Task, eval_set, task_with
from inspect_ai._util.registry import is_registry_object, registry_info
from inspect_ai.log import EvalLog
from inspect_ai.model import GenerateConfig

from archbench import _registry
from archbench.agents import load_agent
from archbench.compare import (
    DEFAULT_LOWER_IS_BETTER,
    CompareOptions,
    LogStatusError,
    compare_versions,
    load_prices,
    price_for,
    to_markdown,
    write_report,
)
from archbench.core.benchmark_config import (
    CONTROL_AGENTS,
    BenchmarkConfig,
    parse_benchmark_config,
)
from archbench.core.budget import (
    BudgetTally,
    CallEstimate,
    Price,
    RunEstimate,
    estimate_generation,
    estimate_judging,
    over_budget,
    total,
)
from archbench.core.errors import ArchbenchError
from archbench.core.report_model import Report
from archbench.evalkit._budget import active_budget, budget_guard

EXIT_OK, EXIT_REGRESSION, EXIT_CONFIG, EXIT_INFRASTRUCTURE = 0, 1, 2, 3
JUDGED_TASKS = frozenset({"implement", "refactor", "design"})
HISTORY_FILE = "history.jsonl"
SUMMARY_FILE = "summary.md"
_UNSAFE = re.compile(r"[^A-Za-z0-9._@-]+")


@dataclass
class RunOutcome:
    """What one nightly run did, for the history file and the exit code."""

    config: BenchmarkConfig
    estimate: RunEstimate
    log_dir: str
    exit_code: int = EXIT_OK
    problems: list[str] = field(default_factory=list)
    verdicts: dict[str, str] = field(default_factory=dict)
    reports: dict[str, str] = field(default_factory=dict)
    logs: list[str] = field(default_factory=list)
    tally: BudgetTally | None = None


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "nightly",
        help="run the benchmark against the baseline within a budget, compare, report",
        description="Exit 0 ok, 1 regression, 2 configuration error, 3 infrastructure failure.",
    )
    parser.add_argument("--config", type=Path, default=Path("benchmark.yaml"))
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
        print(f"archbench nightly: {error}")
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
        estimate = estimate_cost(config, tasks, lambda model: price_for(model, prices))
    except ArchbenchError as error:
        print(f"archbench nightly: {error}")
        return EXIT_CONFIG
    print(describe_estimate(estimate))
    refusal = over_budget(estimate, config.budget.max_dollars, config.budget.max_tokens)
    if refusal:
        print(f"archbench nightly: refusing to start: {refusal}")
        return EXIT_CONFIG
    if estimate_only:
        return EXIT_OK
    missing = missing_credentials(config)
    if missing:
        print(f"archbench nightly: {missing}")
        return EXIT_CONFIG
    outcome = RunOutcome(config, estimate, run_log_dir(config.log_dir, run_id))
    run_and_compare(outcome, tasks, lambda model: price_for(model, prices), prices)
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
    return parse_benchmark_config(text, str(path), tuple(registered_tasks()))


# Providers archbench documents, and the variable each needs; others are left to inspect.
CREDENTIALS = {"anthropic": ("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN")}


def missing_credentials(config: BenchmarkConfig) -> str | None:
    """Fail before spending anything when a model's provider has no key in the environment."""
    for model in filter(None, (config.model, config.grader_model)):
        variables = CREDENTIALS.get(model.partition("/")[0], ())
        if variables and not any(os.environ.get(variable) for variable in variables):
            return (
                f"{model} needs an API key: set {variables[0]} (in CI, from a repository "
                "secret); nothing was run"
            )
    return None


def registered_tasks() -> dict[str, Callable[..., Task]]:
    """archbench's inspect tasks by name (implement, review, ...), from its entry point."""
    found: dict[str, Callable[..., Task]] = {}
    for value in vars(_registry).values():
        if is_registry_object(value, type="task"):
            found[registry_info(value).name.rpartition("/")[2]] = value
    return found


@dataclass(frozen=True)
class PlannedTask:
    agent: str
    kind: str
    task: Task


def pin_candidates(config: BenchmarkConfig) -> tuple[BenchmarkConfig, list[str]]:
    """Bare agent names become `name@<newest version>`; a candidate that is the baseline is
    dropped with a note (a nightly before anyone wrote a new version runs the baseline alone)."""
    pinned, notes = [], []
    for candidate in config.candidates:
        name, _, version = candidate.partition("@")
        if not version and name not in CONTROL_AGENTS:
            candidate = f"{name}@{load_agent(name).version}"
        if candidate == config.baseline:
            notes.append(f"candidate {name} is the baseline {config.baseline}: nothing to compare")
        else:
            pinned.append(candidate)
    return config.model_copy(update={"candidates": pinned}), notes


def build_tasks(config: BenchmarkConfig) -> list[PlannedTask]:
    """Every agent on every task; the budget guard first; the baseline's generations cached."""
    factories = registered_tasks()
    planned = []
    for agent in config.agents:
        cached = agent == config.baseline and config.cache_baseline
        for kind in config.tasks:
            task = factories[kind](agent=agent)
            task_with(task, setup=budget_guard(), config=GenerateConfig(cache=cached or None))
            planned.append(PlannedTask(agent, kind, task))
    return planned


def estimate_cost(
    config: BenchmarkConfig, tasks: Iterable[PlannedTask], price_of: Callable[[str], Price | None]
) -> RunEstimate:
    """Generation from the prompts' real sizes; answers and judging from the cost model."""
    calls: list[CallEstimate] = []
    for planned in tasks:
        if planned.agent.partition("@")[0] in CONTROL_AGENTS or config.model is None:
            continue
        system_chars = len(load_agent(planned.agent).body)
        samples = list(planned.task.dataset)[: config.limit]
        prompt_chars = (system_chars + len(str(sample.input)) for sample in samples)
        model = config.cost_model
        generation = estimate_generation(
            config.model, prompt_chars, config.epochs, model.output_tokens_per_sample
        )
        calls.append(generation)
        if config.grader_model and planned.kind in JUDGED_TASKS:
            calls.append(
                estimate_judging(
                    config.grader_model,
                    generation,
                    model.judge_calls_per_sample,
                    model.judge_output_tokens,
                )
            )
    prices = {call.model: price_of(call.model) for call in calls}
    return total(calls, prices)


def describe_estimate(estimate: RunEstimate) -> str:
    dollars = "unpriced" if estimate.dollars is None else f"${estimate.dollars:.2f}"
    calls = sum(call.calls for call in estimate.calls)
    return f"estimate: {calls} model calls, {estimate.tokens:,} tokens, {dollars}"


def run_and_compare(
    outcome: RunOutcome,
    tasks: list[PlannedTask],
    price_of: Callable[[str], Price | None],
    prices: Any,
) -> None:
    config = outcome.config
    tally = BudgetTally(config.budget.max_dollars, config.budget.max_tokens)
    outcome.tally = tally
    with active_budget(tally, price_of):
        finished, logs = eval_set(
            [planned.task for planned in tasks],
            log_dir=outcome.log_dir,
            model=config.model or "none",
            model_base_url=config.model_base_url,
            max_retries=config.max_retries,
            model_roles={"grader": config.grader_model} if config.grader_model else None,
            epochs=config.epochs,
            limit=config.limit,
            retry_attempts=config.retry_attempts,
            max_connections=config.max_connections,
            display="none",
        )
    outcome.logs = [log.location.removeprefix("file://") for log in logs]
    incomplete = [log for log in logs if log.status != "success"]
    if not finished or incomplete:
        outcome.exit_code = EXIT_INFRASTRUCTURE
        outcome.problems += [_incomplete(log) for log in incomplete] or ["eval_set did not finish"]
        spent = tally.exceeded()
        if spent:
            outcome.problems.append(f"stopped: {spent}; re-run with more budget to continue")
        return
    compare_candidates(outcome, prices)


def _incomplete(log: EvalLog) -> str:
    agent = log.eval.metadata.get("agent") if log.eval.metadata else None
    error = f": {_last_line(log.error.message)}" if log.error else ""
    return f"{log.eval.task} ({agent}) ended with status '{log.status}'{error} ({log.location})"


def _last_line(message: str, limit: int = 300) -> str:
    """An error's last line (provider errors put the whole request body first), shortened."""
    lines = [line for line in message.strip().splitlines() if line.strip()] or [""]
    return lines[-1][:limit]


def compare_candidates(outcome: RunOutcome, prices: Any) -> None:
    """Each candidate against the baseline; reports under reports_dir/<baseline>-vs-<candidate>."""
    config = outcome.config
    options = CompareOptions(
        alpha=config.alpha,
        delta=config.default_delta if config.default_delta is not None else CompareOptions.delta,
        metric_deltas=config.metric_deltas,
        lower_is_better=DEFAULT_LOWER_IS_BETTER,
    )
    summaries = []
    for candidate in config.candidates:
        try:
            report = compare_versions(config.baseline, candidate, outcome.log_dir, options, prices)
        except ArchbenchError as error:
            code = EXIT_INFRASTRUCTURE if isinstance(error, LogStatusError) else EXIT_CONFIG
            outcome.exit_code = max(outcome.exit_code, code)
            outcome.problems.append(f"{candidate}: {error}")
            continue
        out_dir = Path(config.reports_dir) / _safe(f"{config.baseline}-vs-{candidate}")
        files = write_report(report, out_dir)
        outcome.verdicts[candidate] = report.verdict
        outcome.reports[candidate] = str(files.markdown)
        summaries.append(to_markdown(report))
        print(f"{candidate}: {report.verdict}  ({files.html})")
        if _is_regression(report):
            outcome.exit_code = max(outcome.exit_code, EXIT_REGRESSION)
    summary = Path(config.reports_dir) / SUMMARY_FILE
    summary.parent.mkdir(parents=True, exist_ok=True)
    summary.write_text("\n\n---\n\n".join(summaries), encoding="utf-8")


def _is_regression(report: Report) -> bool:
    return report.verdict == "REGRESSION"


def _safe(name: str) -> str:
    return _UNSAFE.sub("_", name)


def write_history(outcome: RunOutcome) -> None:
    """One JSON line per run in reports_dir/history.jsonl: what ran, its cost and verdicts."""
    config = outcome.config
    tally = outcome.tally
    entry = {
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "config_sha256": config.content_hash(),
        "baseline": config.baseline,
        "verdicts": outcome.verdicts,
        "exit_code": outcome.exit_code,
        "problems": outcome.problems,
        "model": config.model,
        "grader_model": config.grader_model,
        "estimated_dollars": outcome.estimate.dollars,
        "spent_dollars": round(tally.dollars, 6) if tally else 0.0,
        "spent_tokens": tally.tokens if tally else 0,
        "reports": outcome.reports,
        "log_dir": outcome.log_dir,
        "logs": outcome.logs,
    }
    history = Path(config.reports_dir) / HISTORY_FILE
    history.parent.mkdir(parents=True, exist_ok=True)
    with history.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(entry, sort_keys=True) + "\n")
