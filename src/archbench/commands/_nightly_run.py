"""A nightly run: eval_set within the budget, then each candidate compared with the baseline,
and one line of history."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from inspect_ai import eval_set
from inspect_ai.log import EvalLog

from archbench.cli_errors import stop_if_cancelled
from archbench.commands._nightly_plan import PlannedTask
from archbench.compare import (
    DEFAULT_LOWER_IS_BETTER,
    CompareOptions,
    LogStatusError,
    PriceTable,
    compare_versions,
    exit_code,
    price_for,
    write_report,
)
from archbench.core.benchmark_config import (
    BenchmarkConfig,
)
from archbench.core.budget import (
    BudgetTally,
    RunEstimate,
)
from archbench.core.errors import ArchbenchError
from archbench.core.run_metadata import RunMetadata
from archbench.evalkit import active_budget

EXIT_OK, EXIT_REGRESSION, EXIT_CONFIG, EXIT_INFRASTRUCTURE = 0, 1, 2, 3
# compare's NOT ENOUGH EVIDENCE under `fail_on_inconclusive: true`.
EXIT_NOT_ENOUGH_EVIDENCE = 4
# Worst last: several candidates (or agents, in prompt-check) give one exit code, the most
# severe; not enough evidence must never hide a regression, so it ranks below it.
_SEVERITY = (
    EXIT_OK, EXIT_NOT_ENOUGH_EVIDENCE, EXIT_REGRESSION, EXIT_CONFIG, EXIT_INFRASTRUCTURE,
)  # fmt: skip


def worst_exit(*codes: int) -> int:
    """The most severe of several exit codes (an unknown code counts as the most severe)."""
    return max(codes, key=lambda code: _SEVERITY.index(code) if code in _SEVERITY else 99)
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


def run_and_compare(
    outcome: RunOutcome,
    tasks: list[PlannedTask],
    prices: PriceTable,
) -> None:
    """Run every task within the budget; compare only when every log finished."""
    config = outcome.config
    tally = BudgetTally(config.budget.max_dollars, config.budget.max_tokens)
    outcome.tally = tally
    with active_budget(tally, lambda model: price_for(model, prices)):
        finished, logs = eval_set(
            [planned.task for planned in tasks], log_dir=outcome.log_dir, **_eval_options(config)
        )
    outcome.logs = [log.location.removeprefix("file://") for log in logs]
    stop_if_cancelled(logs)
    incomplete = [log for log in logs if log.status != "success"]
    if finished and not incomplete:
        compare_candidates(outcome, prices)
    else:
        _record_incomplete(outcome, incomplete, tally)


def _eval_options(config: BenchmarkConfig) -> dict[str, Any]:
    grader = {"grader": config.grader_model} if config.grader_model else None
    return {
        "model": config.model or "none",
        "model_base_url": config.model_base_url,
        "model_roles": grader,
        "max_retries": config.max_retries,
        "epochs": config.epochs,
        "limit": config.limit,
        "retry_attempts": config.retry_attempts,
        "max_connections": config.max_connections,
        "display": "none",
    }


def _record_incomplete(outcome: RunOutcome, incomplete: list[EvalLog], tally: BudgetTally) -> None:
    outcome.exit_code = EXIT_INFRASTRUCTURE
    outcome.problems += [_incomplete(log) for log in incomplete] or ["eval_set did not finish"]
    spent = tally.exceeded()
    if spent:
        outcome.problems.append(f"stopped: {spent}; re-run with more budget to continue")


def _incomplete(log: EvalLog) -> str:
    agent = RunMetadata.from_log(log.eval.metadata, log.location).agent
    error = f": {_last_line(log.error.message)}" if log.error else ""
    return f"{log.eval.task} ({agent}) ended with status '{log.status}'{error} ({log.location})"


def _last_line(message: str, limit: int = 300) -> str:
    """An error's last line (provider errors put the whole request body first), shortened."""
    lines = [line for line in message.strip().splitlines() if line.strip()] or [""]
    return lines[-1][:limit]


def compare_candidates(outcome: RunOutcome, prices: PriceTable) -> None:
    """Each candidate against the baseline; reports under reports_dir/<baseline>-vs-<candidate>."""
    config = outcome.config
    options = CompareOptions(
        alpha=config.alpha,
        delta=config.default_delta,
        metric_deltas=config.metric_deltas,
        lower_is_better=DEFAULT_LOWER_IS_BETTER,
        fail_on_inconclusive=config.fail_on_inconclusive,
    )
    summaries = []
    for candidate in config.candidates:
        try:
            report = compare_versions(config.baseline, candidate, outcome.log_dir, options, prices)
        except ArchbenchError as error:
            code = EXIT_INFRASTRUCTURE if isinstance(error, LogStatusError) else EXIT_CONFIG
            outcome.exit_code = worst_exit(outcome.exit_code, code)
            outcome.problems.append(f"{candidate}: {error}")
            continue
        out_dir = Path(config.reports_dir) / _safe(f"{config.baseline}-vs-{candidate}")
        files = write_report(report, out_dir)
        outcome.verdicts[candidate] = report.verdict
        outcome.reports[candidate] = str(files.markdown)
        # report.md, not to_markdown(): it also holds the routing section.
        summaries.append(files.markdown.read_text(encoding="utf-8"))
        print(f"{candidate}: {report.verdict}  ({files.html})")
        outcome.problems += [f"{candidate}: invalid comparison: {r}" for r in report.invalid]
        # compare's codes carry over: 1 regression, 2 invalid (a config-level problem: the
        # runs do not match), 4 not enough evidence when the config says it fails.
        outcome.exit_code = worst_exit(
            outcome.exit_code, exit_code(report, config.fail_on_inconclusive)
        )
    summary = Path(config.reports_dir) / SUMMARY_FILE
    summary.parent.mkdir(parents=True, exist_ok=True)
    summary.write_text("\n\n---\n\n".join(summaries), encoding="utf-8")


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
