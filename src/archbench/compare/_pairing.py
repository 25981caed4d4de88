"""Pairing two versions' records by (task, metric, sample), and what was left out and why.

An errored sample-epoch is a failure of the version it happened in: it scores the metric's
``error_value`` (0 on pass rates and [0, 1] fractions, see ``core.metrics``) instead of leaving
the sample out, so a prompt that crashes on most samples cannot pass on the few that survive.
On counts (false positives, clarification turns) an error has no meaningful value and the
epoch is left out, counted as errored. Unscored values (a judge offline, our own grader
failing) are never zeros: they are counted and dropped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from archbench.core.metrics import metric_spec, primary_fallbacks, primary_metrics
from archbench.core.report_model import SampleCounts, UnpairedSample
from archbench.core.stats import SampleEpochs

from ._records import SampleRecord, TaskRun, VersionRuns

_MAX_NAMED_TAMPERED = 10


@dataclass(frozen=True)
class MetricPairs:
    """One (task, metric): the paired samples plus what was left out and why."""

    task: str
    metric: str
    pairs: tuple[SampleEpochs, ...]
    errors: int
    unscored: int
    unpaired: int
    primary: bool = True


@dataclass(frozen=True)
class Pairing:
    """Every (task, metric) both versions scored, the notes on what was not compared, and the
    sample-level counts and reasons for refusing the comparison."""

    metrics: list[MetricPairs]
    notes: list[str]
    counts: SampleCounts
    unpaired: list[UnpairedSample]
    invalid: list[str]
    # "task/metric" of declared primary metrics that could not be compared: the gate is blind
    # there, so the outcome cannot be NO REGRESSION.
    missing_primaries: list[str]


def _error_value(metric: str) -> float | None:
    spec = metric_spec(metric)
    return None if spec is None else spec.error_value


def _metric_names(records: Sequence[SampleRecord]) -> set[str]:
    return {name for record in records if not record.errored for name in record.scores}


def _scored_epochs(
    records: Sequence[SampleRecord], metric: str
) -> tuple[dict[str, list[float]], int]:
    """Sample id -> epoch values of ``metric`` (errors at the metric's error value), and the
    count of unscored sample-epochs."""
    error_value = _error_value(metric)
    epochs: dict[str, list[float]] = defaultdict(list)
    unscored = 0
    for record in records:
        value = error_value if record.errored else record.scores.get(metric)
        if value is not None:
            epochs[record.sample_id].append(value)
        elif not record.errored:
            unscored += 1
    return epochs, unscored


def _pair_metric(base: TaskRun, candidate: TaskRun, metric: str, primary: bool) -> MetricPairs:
    old, old_unscored = _scored_epochs(base.records, metric)
    new, new_unscored = _scored_epochs(candidate.records, metric)
    common = sorted(set(old) & set(new))
    errors = sum(r.errored for r in base.records) + sum(r.errored for r in candidate.records)
    return MetricPairs(
        task=base.task,
        metric=metric,
        pairs=tuple(SampleEpochs(s, tuple(old[s]), tuple(new[s])) for s in common),
        errors=errors,
        unscored=old_unscored + new_unscored,
        unpaired=len(set(old) ^ set(new)),
        primary=primary,
    )


def _comparable_metrics(old: TaskRun, new: TaskRun) -> tuple[list[str], list[str]]:
    """Metrics both versions can be compared on, and those only one version has. A metric the
    other version lost to errors alone is still comparable: its errors score as failures."""
    old_names, new_names = _metric_names(old.records), _metric_names(new.records)
    both, one_sided = sorted(old_names & new_names), []
    for metric in sorted(old_names ^ new_names):
        lacking = new if metric in old_names else old
        if _error_value(metric) is not None and all(r.errored for r in lacking.records):
            both.append(metric)
        else:
            one_sided.append(metric)
    return sorted(both), one_sided


def _missing_primaries(task: str, compared: Sequence[str]) -> list[str]:
    return [m for m in primary_metrics(task) or () if m not in compared]


def _primary_note(task: str, metric: str, one_sided: Sequence[str]) -> str:
    where = "is in one version only" if metric in one_sided else "is absent from both runs"
    return f"task '{task}': primary metric '{metric}' {where}: the gate cannot judge this task"


def _fallback(task: str, compared: Sequence[str], one_sided: Sequence[str]) -> tuple[str, ...]:
    """The fallback metrics to gate on, when the task recorded none of its primaries."""
    declared = primary_metrics(task) or ()
    if any(m in compared or m in one_sided for m in declared):
        return ()
    return tuple(m for m in primary_fallbacks(task) if m in compared)


def _gated_metrics(
    task: str, compared: Sequence[str], one_sided: Sequence[str]
) -> tuple[tuple[str, ...] | None, list[str], list[str]]:
    """The task's gated metrics (None: all), notes, and the primaries the gate is blind to."""
    missing = _missing_primaries(task, compared)
    fallback = _fallback(task, compared, one_sided)
    if missing and fallback:
        note = (
            f"task '{task}': primary metric {', '.join(missing)} is absent from both runs: "
            f"gating on {', '.join(fallback)} instead"
        )
        return fallback, [note], []
    notes = [_primary_note(task, m, one_sided) for m in missing]
    return primary_metrics(task), notes, [f"{task}/{m}" for m in missing]


def _pair_task(old: TaskRun, new: TaskRun) -> tuple[list[MetricPairs], list[str], list[str]]:
    compared, one_sided = _comparable_metrics(old, new)
    notes = [
        f"task '{old.task}': metric '{m}' in one version only: not compared" for m in one_sided
    ]
    gated, gate_notes, missing = _gated_metrics(old.task, compared, one_sided)
    pairs = [_pair_metric(old, new, m, gated is None or m in gated) for m in compared]
    return pairs, notes + gate_notes, missing


def _unpaired(base: VersionRuns, candidate: VersionRuns) -> list[UnpairedSample]:
    listed: list[UnpairedSample] = []
    for task in sorted(set(base.runs) | set(candidate.runs)):
        old = _sample_ids(base.runs.get(task))
        new = _sample_ids(candidate.runs.get(task))
        listed += [UnpairedSample(task=task, sample_id=s, side="base") for s in sorted(old - new)]
        listed += [
            UnpairedSample(task=task, sample_id=s, side="candidate") for s in sorted(new - old)
        ]
    return listed


def _sample_ids(run: TaskRun | None) -> set[str]:
    return set() if run is None else {record.sample_id for record in run.records}


def _paired_count(base: VersionRuns, candidate: VersionRuns) -> int:
    common = set(base.runs) & set(candidate.runs)
    return sum(len(_sample_ids(base.runs[t]) & _sample_ids(candidate.runs[t])) for t in common)


def _errored(side: VersionRuns) -> int:
    return sum(record.errored for run in side.runs.values() for record in run.records)


def _tampered(side: VersionRuns) -> list[str]:
    """'task/sample (epoch n)' of each tampered sample-epoch of one side."""
    return [
        f"{task}/{record.sample_id} (epoch {record.epoch})"
        for task, run in sorted(side.runs.items())
        for record in run.records
        if record.tampered
    ]


def _tampering_notes(base: VersionRuns, candidate: VersionRuns) -> list[str]:
    notes = []
    for side, flagged in (("base", _tampered(base)), ("candidate", _tampered(candidate))):
        if flagged:
            shown = ", ".join(flagged[:_MAX_NAMED_TAMPERED])
            more = len(flagged) - _MAX_NAMED_TAMPERED
            notes.append(
                f"tampering detected in {len(flagged)} {side} sample-epochs (scored 0): {shown}"
                + (f", ... and {more} more" if more > 0 else "")
            )
    return notes


def _invalid_reasons(base: VersionRuns, candidate: VersionRuns, paired: int) -> list[str]:
    reasons = [
        f"task '{task}': no sample in common (the versions ran disjoint samples)"
        for task in sorted(set(base.runs) & set(candidate.runs))
        if not _sample_ids(base.runs[task]) & _sample_ids(candidate.runs[task])
    ]
    if paired == 0:
        reasons.append("no sample was run by both versions: nothing is paired")
    return reasons


def pair_all(base: VersionRuns, candidate: VersionRuns) -> Pairing:
    """Pair every (task, metric) present in both versions; notes name what only one side has."""
    notes: list[str] = []
    metrics: list[MetricPairs] = []
    missing: list[str] = []
    for task in sorted(set(base.runs) | set(candidate.runs)):
        if task not in base.runs or task not in candidate.runs:
            side = "base" if task in base.runs else "candidate"
            notes.append(f"task '{task}' only in the {side}: not compared")
            continue
        pairs, task_notes, task_missing = _pair_task(base.runs[task], candidate.runs[task])
        metrics += pairs
        notes += task_notes
        missing += task_missing
    paired = _paired_count(base, candidate)
    unpaired = _unpaired(base, candidate)
    counts = SampleCounts(
        paired=paired,
        unpaired=len(unpaired),
        errored_base=_errored(base),
        errored_candidate=_errored(candidate),
        unscored=sum(m.unscored for m in metrics if m.primary),
        tampered_base=len(_tampered(base)),
        tampered_candidate=len(_tampered(candidate)),
    )
    invalid = _invalid_reasons(base, candidate, paired)
    notes += _tampering_notes(base, candidate)
    return Pairing(metrics, notes, counts, unpaired, invalid, missing)
