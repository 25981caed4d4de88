"""`archbench validate --stats`: per kind and tier, what the tasks are and what controls score.

Per (kind, tier): task count, starter lines (mean per task), hidden tests (mean per task), and
the mean spec_adherence of `null` (the untouched starter) and `reference`, as validation
measured them, and of the recorded independent solutions (`independent/<label>.yaml`, written
from request.md alone). A tier whose independent solutions score 1.0 everywhere, or whose null
scores above 0, is a tier that cannot tell a good agent from a bad one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import fmean

from archbench.core.dataset import TaskRecord
from archbench.core.independent import IndependentSolution
from archbench.core.test_results import expected_tests
from archbench.io.datasets import load_kind
from archbench.io.independent import load_independent_solutions
from archbench.io.paths import datasets_dir

_COLUMNS = ("kind", "tier", "tasks", "starter lines", "tests", "null", "reference", "independent")


@dataclass
class TierStats:
    """The figures of one (kind, tier)."""

    kind: str
    tier: str
    starter_lines: list[int] = field(default_factory=list)
    tests: list[int] = field(default_factory=list)
    scores: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    independent: list[float] = field(default_factory=list)
    independent_tasks: set[str] = field(default_factory=set)

    def row(self) -> tuple[str, ...]:
        count = f"{len(self.independent)} on {len(self.independent_tasks)} tasks"
        solved = f"{_mean(self.independent)} ({count})"
        return (
            self.kind, self.tier, str(len(self.tests)), _mean(self.starter_lines, ".0f"),
            _mean(self.tests, ".1f"), _mean(self.scores["null"]), _mean(self.scores["reference"]),
            solved if self.independent else "-",
        )  # fmt: skip


def _mean(values: Sequence[float], spec: str = ".2f") -> str:
    return format(fmean(values), spec) if values else "-"


def _lines(files: Iterable[str]) -> int:
    return sum(text.count("\n") + (not text.endswith("\n") and bool(text)) for text in files)


def tier_stats(
    records: Iterable[TaskRecord],
    verdict_scores: dict[str, dict[str, float]],
    independent: dict[str, list[IndependentSolution]],
) -> list[TierStats]:
    """One entry per (kind, tier) present, in kind then tier order."""
    groups: dict[tuple[str, str], TierStats] = {}
    for record in records:
        key = (record.kind, record.spec.tier)
        stats = groups.setdefault(key, TierStats(*key))
        stats.starter_lines.append(_lines(record.shown.values()))
        stats.tests.append(len(expected_tests(record.tests)))
        for control, score in verdict_scores.get(record.id, {}).items():
            stats.scores[control].append(score)
        for solution in independent.get(record.id, []):
            stats.independent.append(solution.result.spec_adherence)
            stats.independent_tasks.add(record.id)
    return [groups[key] for key in sorted(groups)]


def stats_table(stats: Sequence[TierStats]) -> str:
    """A Markdown table of `tier_stats`."""
    lines = ["| " + " | ".join(_COLUMNS) + " |", "|" + "---|" * len(_COLUMNS)]
    lines += ["| " + " | ".join(entry.row()) + " |" for entry in stats]
    return "\n".join(lines)


def stats_report(kinds: Sequence[str], verdict_scores: dict[str, dict[str, float]]) -> str:
    """The `--stats` table of these kinds: control scores from validation's verdicts, the
    independent solutions from their records."""
    records = [r for kind in kinds for r in load_kind(kind).records]  # type: ignore[arg-type]
    independent = {
        r.id: load_independent_solutions(datasets_dir() / r.kind / r.id) for r in records
    }
    return stats_table(tier_stats(records, verdict_scores, independent))
