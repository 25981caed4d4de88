"""`archbench plan`'s answer from variance components, sample counts and a cost per epoch.

No I/O: ``commands/plan.py`` gathers the inputs (config, logs, dataset sizes, prices); the
formulas are in ``archbench.core.stats._power``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from archbench.core.registry import PRIMARY_METRICS, primary_fallbacks
from archbench.core.stats import (
    PowerTarget,
    VarianceComponents,
    detectable_drop,
    epochs_for,
    estimate_components,
    power_at,
    samples_for,
)

from ._pairing import pair_all
from ._records import VersionRuns

# The metrics the gate decides on, per task (#20 item 4), then the fallbacks it gates on when
# a log predates them: the first one present in the logs is planned for.
PLAN_METRICS: dict[str, tuple[str, ...]] = {
    task: (*metrics, *primary_fallbacks(task)) for task, metrics in PRIMARY_METRICS.items()
}
ROUTING_TASK = "routing"
# (task, metric) -> its variance components and where they come from.
Observed = dict[tuple[str, str], tuple[VarianceComponents, str]]


@dataclass(frozen=True)
class RowInput:
    """One planned (task, metric): its samples per nightly, margin and variance estimate."""

    task: str
    metric: str
    samples: int
    delta: float
    components: VarianceComponents
    source: str


@dataclass(frozen=True)
class PlanRow:
    """What one row can detect at the configured epochs, and what it would need."""

    row: RowInput
    epochs: int
    detectable: float
    power: float
    epochs_needed: int | None
    samples_needed: int | None
    max_epochs: int


@dataclass(frozen=True)
class Cost:
    """Tokens and dollars of one epoch of the whole nightly (every agent version and task)."""

    tokens_per_epoch: int
    dollars_per_epoch: float | None
    source: str
    max_dollars: float | None = None


@dataclass(frozen=True)
class Plan:
    drop: float
    alpha: float
    family: int
    epochs: int
    rows: tuple[PlanRow, ...]
    recommended_epochs: int
    cost: Cost | None


def planned_metrics(tasks: Sequence[str], found: Mapping[str, set[str]]) -> list[tuple[str, str]]:
    """(task, metric) of the family: every primary metric of routing, the first primary metric
    found in the logs (or the first listed) of the other tasks."""
    rows: list[tuple[str, str]] = []
    for task in tasks:
        options = PLAN_METRICS.get(task, ())
        if task == ROUTING_TASK:
            rows.extend((task, metric) for metric in options)
            continue
        present = [m for m in options if m in found.get(task, set())]
        if options:
            rows.append((task, (present or list(options))[0]))
    return rows


def observed_components(base: VersionRuns, candidate: VersionRuns) -> Observed:
    """Variance components of every (task, metric) with at least 2 paired samples."""
    observed: Observed = {}
    for pairs in pair_all(base, candidate).metrics:
        if len(pairs.pairs) < 2:
            continue
        components = estimate_components(
            [p.base for p in pairs.pairs], [p.candidate for p in pairs.pairs]
        )
        epochs = max(len(p.base) for p in pairs.pairs)
        source = f"logs: {len(pairs.pairs)} samples x {epochs} epochs"
        if not components.within_known:
            source += " (one epoch: epoch noise unseen)"
        observed[(pairs.task, pairs.metric)] = (components, source)
    return observed


def plan_row(row: RowInput, epochs: int, target: PowerTarget, max_epochs: int) -> PlanRow:
    sd = row.components.sd(epochs)
    return PlanRow(
        row=row,
        epochs=epochs,
        detectable=detectable_drop(sd, row.samples, target),
        power=power_at(sd, row.samples, target),
        epochs_needed=epochs_for(row.components, row.samples, target, max_epochs),
        samples_needed=samples_for(sd, target),
        max_epochs=max_epochs,
    )


def make_plan(
    rows: Sequence[RowInput],
    epochs: int,
    drop: float,
    alpha: float,
    cost: Cost | None,
    max_epochs: int = 10,
) -> Plan:
    """Each row at the configured epochs; the recommendation is the fewest epochs at which
    every row that can reach 80% power on ``drop`` with its samples does (at least 1)."""
    family = len(rows)
    planned = tuple(
        plan_row(row, epochs, PowerTarget(drop, row.delta, alpha, family), max_epochs)
        for row in rows
    )
    reachable = [p.epochs_needed for p in planned if p.epochs_needed is not None]
    return Plan(drop, alpha, family, epochs, planned, max([1, *reachable]), cost)
