"""Scores per tier (#19 item 4): each gated metric of a task over the samples of each tier.

Shown only for a task whose samples span more than one tier: with one tier the table would
repeat the task's row. Pure: reads the report's per-sample results and each sample's tier.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from statistics import fmean

from archbench.core.report_model import Row, SampleResult, TierRow

SampleKey = tuple[str, str]  # (task, sample id)


def tier_rows(
    samples: Sequence[SampleResult], tiers: Mapping[SampleKey, str], rows: Sequence[Row]
) -> list[TierRow]:
    """One TierRow per (task, tier, primary metric) of every task with several tiers."""
    gated = {(row.task, row.metric) for row in rows if row.role == "primary"}
    groups: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for sample in samples:
        tier = tiers.get((sample.task, sample.sample_id))
        for metric, value in sample.metrics.items():
            if tier is not None and (sample.task, metric) in gated:
                groups[(sample.task, tier, metric)].append((value.base, value.candidate))
    several = _tasks_with_several_tiers(groups)
    return [
        _tier_row(task, tier, metric, pairs)
        for (task, tier, metric), pairs in sorted(groups.items())
        if task in several
    ]


def _tasks_with_several_tiers(groups: Mapping[tuple[str, str, str], object]) -> set[str]:
    tiers: dict[str, set[str]] = defaultdict(set)
    for task, tier, _ in groups:
        tiers[task].add(tier)
    return {task for task, seen in tiers.items() if len(seen) > 1}


def _tier_row(task: str, tier: str, metric: str, pairs: list[tuple[float, float]]) -> TierRow:
    base = fmean(b for b, _ in pairs)
    candidate = fmean(c for _, c in pairs)
    return TierRow(
        task=task, tier=tier, metric=metric, n=len(pairs),
        base_mean=base, candidate_mean=candidate, diff=candidate - base,
    )  # fmt: skip
