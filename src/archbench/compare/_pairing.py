"""Pairing two versions' records by (task, metric, sample), and what was left out and why.

An errored sample-epoch is a failure of the version it happened in: it scores the metric's
``error_value`` (0 on pass rates and [0, 1] fractions, see ``core.registry``) instead of leaving
the sample out, so a prompt that crashes on most samples cannot pass on the few that survive.
On counts (false positives, clarification turns) an error has no meaningful value and the
epoch is left out, counted as errored. Unscored values (a judge offline, our own grader
failing) are never zeros: they are counted and dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from archbench.core.registry import MetricSpec, metric_spec, primary_fallbacks, primary_metrics
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
    # The metric as the logs describe it (this archbench's registry for older logs).
    spec: MetricSpec | None = None


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


def _spec(old: TaskRun, new: TaskRun, metric: str) -> MetricSpec | None:
    """The metric as the runs' logs describe it, else as this archbench's registry does.
    Runs whose logs disagree are refused as a mismatch (`_analysis.find_mismatches`)."""
    return old.metric_specs.get(metric) or new.metric_specs.get(metric) or metric_spec(metric)


def _declared_primaries(old: TaskRun, new: TaskRun) -> tuple[str, ...] | None:
    """The gated metrics the logs recorded, else the registry's for the task's kind."""
    for run in (old, new):
        if run.primary is not None:
            return run.primary
    return primary_metrics(old.task)


def _error_value(spec: MetricSpec | None) -> float | None:
    return None if spec is None else spec.error_value


def _metric_names(records: Sequence[SampleRecord]) -> set[str]:
    return {name for record in records if not record.errored for name in record.scores}


@dataclass(frozen=True)
class _RunEpochs:
    """One run's values per metric and sample (errors at the metric's error value), the
    unscored sample-epochs per metric, and the errored ones, read off its frame."""

    epochs: dict[str, dict[str, tuple[float, ...]]]
    unscored: dict[str, int]
    errors: int


def _run_epochs(
    records: Sequence[SampleRecord], metrics: Sequence[str], specs: Mapping[str, MetricSpec | None]
) -> _RunEpochs:
    from ._frames import RunFrame  # pandas, on the first comparison rather than on import

    frame = RunFrame.of(records, metrics)
    return _RunEpochs(
        epochs={m: frame.epochs(m, _error_value(specs[m])) for m in metrics},
        unscored={m: frame.unscored(m) for m in metrics},
        errors=frame.errors,
    )


def _pair_metric(
    task: str,
    metric: str,
    base: _RunEpochs,
    candidate: _RunEpochs,
    primary: bool,
    spec: MetricSpec | None,
) -> MetricPairs:
    old, new = base.epochs[metric], candidate.epochs[metric]
    common = sorted(set(old) & set(new))
    return MetricPairs(
        task=task,
        metric=metric,
        pairs=tuple(SampleEpochs(s, old[s], new[s]) for s in common),
        errors=base.errors + candidate.errors,
        unscored=base.unscored[metric] + candidate.unscored[metric],
        unpaired=len(set(old) ^ set(new)),
        primary=primary,
        spec=spec,
    )


def _comparable_metrics(old: TaskRun, new: TaskRun) -> tuple[list[str], list[str]]:
    """Metrics both versions can be compared on, and those only one version has. A metric the
    other version lost to errors alone is still comparable: its errors score as failures."""
    old_names, new_names = _metric_names(old.records), _metric_names(new.records)
    both, one_sided = sorted(old_names & new_names), []
    for metric in sorted(old_names ^ new_names):
        lacking = new if metric in old_names else old
        errors_score = _error_value(_spec(old, new, metric)) is not None
        if errors_score and all(r.errored for r in lacking.records):
            both.append(metric)
        else:
            one_sided.append(metric)
    return sorted(both), one_sided


def _missing_primaries(declared: Sequence[str], compared: Sequence[str]) -> list[str]:
    return [m for m in declared if m not in compared]


def _primary_note(task: str, metric: str, one_sided: Sequence[str]) -> str:
    where = "is in one version only" if metric in one_sided else "is absent from both runs"
    return f"task '{task}': primary metric '{metric}' {where}: the gate cannot judge this task"


def _fallback(
    task: str, declared: Sequence[str], compared: Sequence[str], one_sided: Sequence[str]
) -> tuple[str, ...]:
    """The fallback metrics to gate on, when the task recorded none of its primaries."""
    if any(m in compared or m in one_sided for m in declared):
        return ()
    return tuple(m for m in primary_fallbacks(task) if m in compared)


def _gated_metrics(
    task: str, declared: tuple[str, ...] | None, compared: Sequence[str], one_sided: Sequence[str]
) -> tuple[tuple[str, ...] | None, list[str], list[str]]:
    """The task's gated metrics (None: all), notes, and the primaries the gate is blind to."""
    missing = _missing_primaries(declared or (), compared)
    fallback = _fallback(task, declared or (), compared, one_sided)
    if missing and fallback:
        note = (
            f"task '{task}': primary metric {', '.join(missing)} is absent from both runs: "
            f"gating on {', '.join(fallback)} instead"
        )
        return fallback, [note], []
    notes = [_primary_note(task, m, one_sided) for m in missing]
    return declared, notes, [f"{task}/{m}" for m in missing]


def _pair_task(old: TaskRun, new: TaskRun) -> tuple[list[MetricPairs], list[str], list[str]]:
    compared, one_sided = _comparable_metrics(old, new)
    notes = [
        f"task '{old.task}': metric '{m}' in one version only: not compared" for m in one_sided
    ]
    declared = _declared_primaries(old, new)
    gated, gate_notes, missing = _gated_metrics(old.task, declared, compared, one_sided)
    specs = {m: _spec(old, new, m) for m in compared}
    base = _run_epochs(old.records, compared, specs)
    candidate = _run_epochs(new.records, compared, specs)
    pairs = [
        _pair_metric(old.task, m, base, candidate, gated is None or m in gated, specs[m])
        for m in compared
    ]
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
