"""The routing section of a comparison report: precision, recall and a confusion table per side.

The paired rows of the report already gate `routing`, `delegation_recall` and
`delegation_specificity` like any metric. Precision and the confusion table are not per-sample
means, so they are computed here from each routing log's score metadata and shown beside them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from archbench.core.report_model import Report, VersionInfo
from archbench.core.routing import (
    ConfusionTable,
    DelegationStats,
    Outcome,
    confusion_table,
    delegation_stats,
    outcome_from_metadata,
)

from ._errors import CompareInputError
from ._logread import Summary, read_header, read_summaries
from ._render import _md_table, fmt
from ._verdict_text import version_label

ROUTING_TASK = "routing"


@dataclass(frozen=True)
class RoutingRun:
    """The routed requests of one side's routing log."""

    label: str
    agent_under_test: str
    outcomes: tuple[Outcome, ...]
    unrouted: int

    @property
    def stats(self) -> DelegationStats:
        return delegation_stats(self.outcomes, self.agent_under_test)

    @property
    def confusion(self) -> ConfusionTable:
        return confusion_table(self.outcomes)


def read_routing_run(label: str, log_file: str) -> RoutingRun | None:
    """The routing outcomes in `log_file`; None when the log is not a routing run."""
    summaries = _routing_summaries(log_file)
    if summaries is None:
        return None
    read = [
        outcome_from_metadata(score.get("metadata") or {})
        for summary in summaries
        for score in (summary.get("scores") or {}).values()
    ]
    routed = [item for item in read if item is not None]
    return RoutingRun(
        label=label,
        agent_under_test=", ".join(sorted({agent for agent, _ in routed})),
        outcomes=tuple(outcome for _, outcome in routed),
        # Errored or grader-failed samples carry no route: counted, never scored as misses.
        unrouted=len(summaries) - len(routed),
    )


def _routing_summaries(log_file: str) -> list[Summary] | None:
    try:
        if read_header(log_file).task != ROUTING_TASK:
            return None
        return read_summaries(log_file)
    except (OSError, ValueError, KeyError) as error:
        raise CompareInputError(f"{log_file}: cannot read the routing samples: {error}") from error


def _side_run(side: str, info: VersionInfo) -> RoutingRun | None:
    label = f"{side} {version_label(info)}"
    runs = (read_routing_run(label, log_file) for log_file in info.log_files)
    return next((run for run in runs if run is not None), None)


def routing_runs(report: Report) -> list[RoutingRun]:
    """The base's and the candidate's routing runs, for the sides that have one."""
    sides = (("base", report.base), ("candidate", report.candidate))
    return [run for side, info in sides if (run := _side_run(side, info)) is not None]


@dataclass(frozen=True)
class RoutingTable:
    """One table of the routing section, for any renderer."""

    title: str
    header: list[str]
    rows: list[list[str]]


def routing_tables(report: Report) -> list[RoutingTable]:
    """The delegation summary and each side's confusion table; none without a routing run."""
    runs = routing_runs(report)
    if not runs:
        return []
    tables = [RoutingTable("Delegation to the agent under test", *_summary_rows(runs))]
    for run in runs:
        title = f"Confusion table, {run.label} (rows: expected, columns: actual)"
        tables.append(RoutingTable(title, *_split_header(run.confusion.as_rows())))
    return tables


def routing_markdown(report: Report) -> str:
    """A Markdown section for the report, or "" when neither side ran the routing task."""
    tables = routing_tables(report)
    if not tables:
        return ""
    lines = ["", "## Routing", "", *_md_table(tables[0].header, tables[0].rows)]
    for table in tables[1:]:
        lines += ["", f"### {table.title}", "", *_md_table(table.header, table.rows)]
    return "\n".join(lines) + "\n"


def _summary_rows(runs: Iterable[RoutingRun]) -> tuple[list[str], list[list[str]]]:
    header = ["run", "agent under test", "precision", "recall", "TP/FP/FN", "unrouted"]
    rows = [
        [
            run.label,
            run.agent_under_test,
            fmt(run.stats.precision),
            fmt(run.stats.recall),
            f"{run.stats.true_positives}/{run.stats.false_positives}/{run.stats.false_negatives}",
            str(run.unrouted),
        ]
        for run in runs
    ]
    return header, rows


def _split_header(rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    return rows[0], rows[1:]
