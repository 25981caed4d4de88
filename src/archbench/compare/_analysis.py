"""From two versions' records to a ``Report``: pairing, identity checks, cost; no I/O.

Statistics live in ``archbench.core.stats``; this module only groups records by (task, metric,
sample), hands the pairs to the statistics and assembles the report model.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from archbench.core.metrics import lower_is_better_metrics
from archbench.core.report_model import Report, Row, SampleMetric, SampleResult, Usage, VersionInfo
from archbench.core.stats import (
    GatedComparison,
    GateSettings,
    MetricComparison,
    SampleEpochs,
    Verdict,
    apply_gate,
    compare_metric,
)

from ._records import SampleRecord, TaskRun, VersionRuns

# Model id (with or without the "provider/" prefix) -> dollars per million (input, output) tokens.
PriceTable = Mapping[str, tuple[float, float]]
_DATE_SUFFIX = re.compile(r"-\d{8}$")


# Metrics where a decrease is an improvement, from the one metric registry in core.
DEFAULT_LOWER_IS_BETTER = lower_is_better_metrics()


@dataclass(frozen=True)
class CompareOptions:
    """User choices for one comparison."""

    alpha: float = 0.05
    delta: float = 0.02
    metric_deltas: Mapping[str, float] = field(default_factory=dict)
    allow_mismatch: bool = False
    lower_is_better: frozenset[str] = DEFAULT_LOWER_IS_BETTER

    def delta_for(self, metric: str) -> float:
        return self.metric_deltas.get(metric, self.delta)

    def higher_is_better(self, metric: str) -> bool:
        return metric not in self.lower_is_better


@dataclass(frozen=True)
class _MetricPairs:
    """One (task, metric): the paired samples plus what was left out and why."""

    task: str
    metric: str
    pairs: tuple[SampleEpochs, ...]
    errors: int
    unscored: int
    unpaired: int


# --------------------------------------------------------------------------- identity checks


def find_mismatches(base: VersionRuns, candidate: VersionRuns) -> list[str]:
    """Name every identity difference that makes two runs incomparable, per common task:
    the dataset content hash and each grader's version or rubric hash."""
    problems: list[str] = []
    for task in sorted(set(base.runs) & set(candidate.runs)):
        old, new = base.runs[task], candidate.runs[task]
        if old.dataset_version != new.dataset_version:
            problems.append(
                f"task '{task}': dataset_version {old.dataset_version} != {new.dataset_version}"
            )
        problems.extend(_grader_mismatches(task, old.graders, new.graders))
    return problems


def _grader_mismatches(task: str, old: Mapping[str, str], new: Mapping[str, str]) -> list[str]:
    return [
        f"task '{task}': grader '{name}' {old.get(name, 'absent')} != {new.get(name, 'absent')}"
        for name in sorted(set(old) | set(new))
        if old.get(name) != new.get(name)
    ]


def identity_notes(base: VersionRuns, candidate: VersionRuns) -> list[str]:
    """Facts about the runs' identity that do not block the comparison but change its meaning."""
    notes = [note for side in (base, candidate) for note in _inconsistent_prompt(side)]
    base_models = {run.model for run in base.runs.values()}
    candidate_models = {run.model for run in candidate.runs.values()}
    if base_models != candidate_models:
        notes.append(
            f"models differ: base {', '.join(sorted(base_models))}, "
            f"candidate {', '.join(sorted(candidate_models))}"
        )
    unvalidated = sorted(
        {
            key
            for side in (base, candidate)
            for run in side.runs.values()
            for key in run.unvalidated_judges
        }
    )
    if unvalidated:
        notes.append(
            f"unvalidated judge: {', '.join(unvalidated)} come from a judge/rubric pair that has "
            "not passed `archbench judge-check`; read their verdicts with care"
        )
    base_sha, candidate_sha = base.first_run.agent_sha256, candidate.first_run.agent_sha256
    if base_sha is not None and base_sha == candidate_sha and base.reference != candidate.reference:
        notes.append("both versions have the same prompt sha256: the prompts are identical")
    return notes


def _inconsistent_prompt(side: VersionRuns) -> list[str]:
    hashes = {run.agent_sha256 for run in side.runs.values()}
    if len(hashes) <= 1:
        return []
    # The prompt file changed between task runs without a new version number.
    return [f"{side.reference}: the tasks' logs carry {len(hashes)} different prompt sha256"]


# --------------------------------------------------------------------------- pairing


def _metric_names(records: Iterable[SampleRecord]) -> set[str]:
    return {name for record in records if not record.errored for name in record.scores}


def _scored_epochs(
    records: Sequence[SampleRecord], metric: str
) -> tuple[dict[str, list[float]], int]:
    """Sample id -> scored epoch values of ``metric``, and the count of unscored sample-epochs.

    Errored sample-epochs are skipped here (counted per task elsewhere); an unscored value is
    counted and dropped, never turned into a zero.
    """
    epochs: dict[str, list[float]] = defaultdict(list)
    unscored = 0
    for record in records:
        if record.errored:
            continue
        value = record.scores.get(metric)
        if value is None:
            unscored += 1
        else:
            epochs[record.sample_id].append(value)
    return epochs, unscored


def _pair_metric(base: TaskRun, candidate: TaskRun, metric: str) -> _MetricPairs:
    old, old_unscored = _scored_epochs(base.records, metric)
    new, new_unscored = _scored_epochs(candidate.records, metric)
    common = sorted(set(old) & set(new))
    errors = sum(r.errored for r in base.records) + sum(r.errored for r in candidate.records)
    return _MetricPairs(
        task=base.task,
        metric=metric,
        pairs=tuple(SampleEpochs(s, tuple(old[s]), tuple(new[s])) for s in common),
        errors=errors,
        unscored=old_unscored + new_unscored,
        unpaired=len(set(old) ^ set(new)),
    )


def pair_all(base: VersionRuns, candidate: VersionRuns) -> tuple[list[_MetricPairs], list[str]]:
    """Pair every (task, metric) present in both versions; notes name what only one side has."""
    notes: list[str] = []
    paired: list[_MetricPairs] = []
    for task in sorted(set(base.runs) | set(candidate.runs)):
        if task not in base.runs or task not in candidate.runs:
            side = "base" if task in base.runs else "candidate"
            notes.append(f"task '{task}' only in the {side}: not compared")
            continue
        old, new = base.runs[task], candidate.runs[task]
        old_metrics, new_metrics = _metric_names(old.records), _metric_names(new.records)
        for metric in sorted(old_metrics ^ new_metrics):
            notes.append(f"task '{task}': metric '{metric}' in one version only: not compared")
        paired.extend(_pair_metric(old, new, m) for m in sorted(old_metrics & new_metrics))
    return paired, notes


# --------------------------------------------------------------------------- cost


def price_for(model: str, prices: PriceTable) -> tuple[float, float] | None:
    """Look a model up by its full id, then without its provider prefix, then without a
    trailing release date (``claude-sonnet-4-5-20250929`` -> ``claude-sonnet-4-5``)."""
    bare = model.split("/", 1)[-1]
    undated = _DATE_SUFFIX.sub("", bare)
    for key in (model, bare, undated):
        if key in prices:
            return prices[key]
    return None


def summarise_usage(runs: Iterable[TaskRun], prices: PriceTable) -> Usage:
    """Sum tokens and dollars over every sample-epoch; dollars is None if a model is unpriced."""
    records = [record for run in runs for record in run.records]
    per_model = _tokens_per_model(records)
    unpriced = _unpriced_models(per_model, prices)
    return Usage(
        samples=len(records),
        input_tokens=sum(t[0] for t in per_model.values()),
        output_tokens=sum(t[1] for t in per_model.values()),
        total_tokens=sum(t[2] for t in per_model.values()),
        dollars=None if unpriced else _dollars(per_model, prices),
        unpriced_models=unpriced,
        mean_total_time=_mean(r.total_time for r in records),
        mean_working_time=_mean(r.working_time for r in records),
    )


def _tokens_per_model(records: Iterable[SampleRecord]) -> dict[str, list[int]]:
    """[input, output, total] tokens per model, summed over the records."""
    per_model: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for record in records:
        for model, usage in record.usage.items():
            totals = per_model[model]
            totals[0] += usage.input_tokens
            totals[1] += usage.output_tokens
            totals[2] += usage.total_tokens
    return per_model


def _unpriced_models(per_model: Mapping[str, list[int]], prices: PriceTable) -> list[str]:
    return sorted(m for m in per_model if price_for(m, prices) is None)


def _dollars(per_model: Mapping[str, list[int]], prices: PriceTable) -> float:
    total = 0.0
    for model, (input_tokens, output_tokens, _) in per_model.items():
        input_price, output_price = price_for(model, prices) or (0.0, 0.0)
        total += (input_tokens * input_price + output_tokens * output_price) / 1_000_000
    return total


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


# --------------------------------------------------------------------------- report assembly


def _finite(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else value


def _row(pairs: _MetricPairs, gated: GatedComparison) -> Row:
    c: MetricComparison = gated.comparison
    return Row(
        task=pairs.task,
        metric=pairs.metric,
        n=c.n,
        base_mean=_finite(c.base_mean),
        candidate_mean=_finite(c.candidate_mean),
        diff=_finite(c.diff),
        ci_low=_finite(c.ci_low),
        ci_high=_finite(c.ci_high),
        p_value=_finite(c.p_value),
        p_holm=_finite(gated.p_holm) if _finite(c.p_value) is not None else None,
        mde80=_finite(c.mde80),
        improved=c.flips.improved,
        regressed=c.flips.regressed,
        unchanged=c.flips.unchanged,
        flaky=c.flips.flaky,
        errors=pairs.errors,
        verdict=gated.verdict.value,
        delta=c.delta,
        higher_is_better=c.higher_is_better,
        unscored=pairs.unscored,
        unpaired=pairs.unpaired,
        underpowered=gated.underpowered,
        samples_needed=gated.samples_needed,
        p_permutation=_finite(c.p_permutation),
        p_mcnemar=c.p_mcnemar,
        p_flip_sign=c.flips.p_sign,
        correlation=c.correlation,
    )


def _sample_results(
    all_pairs: Sequence[_MetricPairs], gated: Sequence[GatedComparison]
) -> list[SampleResult]:
    by_sample: dict[tuple[str, str], dict[str, SampleMetric]] = defaultdict(dict)
    for pairs, row in zip(all_pairs, gated, strict=True):
        for s in row.comparison.samples:
            by_sample[(pairs.task, s.sample_id)][pairs.metric] = SampleMetric(
                base=s.base, candidate=s.candidate, diff=s.diff, label=s.label.value
            )
    return [
        SampleResult(task=task, sample_id=sample_id, metrics=metrics)
        for (task, sample_id), metrics in sorted(by_sample.items())
    ]


def version_info(side: VersionRuns, prices: PriceTable) -> VersionInfo:
    """Identity and usage of one side; identity fields come from its first task's log."""
    first = side.first_run
    return VersionInfo(
        reference=side.reference,
        agent=first.agent,
        version=first.agent_version,
        sha256=first.agent_sha256,
        model=first.model,
        log_files=[side.runs[task].log_file for task in sorted(side.runs)],
        agent_path=first.agent_path,
        usage=summarise_usage(side.runs.values(), prices),
    )


def build_report(
    base: VersionRuns,
    candidate: VersionRuns,
    options: CompareOptions,
    prices: PriceTable,
    mismatches: Sequence[str] = (),
    prompt_diff: str | None = None,
) -> Report:
    """Compare every (task, metric) present in both versions and gate the family with Holm."""
    all_pairs, pairing_notes = pair_all(base, candidate)
    notes = identity_notes(base, candidate) + pairing_notes
    settings = GateSettings(alpha=options.alpha, delta=options.delta)
    comparisons = [
        compare_metric(
            p.pairs, settings, options.delta_for(p.metric), options.higher_is_better(p.metric)
        )
        for p in all_pairs
    ]
    gated = apply_gate(comparisons, options.alpha, settings.power)
    rows = [_row(p, g) for p, g in zip(all_pairs, gated, strict=True)]
    regressed = any(g.verdict is Verdict.REGRESSION for g in gated)
    return Report(
        verdict="REGRESSION" if regressed else "OK",
        alpha=options.alpha,
        base=version_info(base, prices),
        candidate=version_info(candidate, prices),
        dataset_version={task: run.dataset_version for task, run in sorted(base.runs.items())},
        mismatch=list(mismatches),
        notes=notes,
        rows=rows,
        samples=_sample_results(all_pairs, gated),
        prompt_diff=prompt_diff,
    )
