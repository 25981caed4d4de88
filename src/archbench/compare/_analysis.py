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

from archbench.core.registry import (
    DEFAULT_DELTA_BINARY,
    DEFAULT_DELTA_CONTINUOUS,
    MetricSpec,
    lower_is_better_metrics,
    metric_spec,
)
from archbench.core.report_model import Report, Row, SampleMetric, SampleResult, Usage, VersionInfo
from archbench.core.report_tiers import tier_rows
from archbench.core.stats import (
    GatedComparison,
    GateSettings,
    MetricComparison,
    Verdict,
    apply_gate,
    compare_metric,
    decide_outcome,
    is_binary,
)

from ._pairing import MetricPairs, Pairing, pair_all
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
    # One margin for every metric without its own; None: the registry's default, 0.10 for
    # pass/fail metrics and 0.05 for continuous ones (README, "margins").
    delta: float | None = None
    metric_deltas: Mapping[str, float] = field(default_factory=dict)
    allow_mismatch: bool = False
    lower_is_better: frozenset[str] = DEFAULT_LOWER_IS_BETTER
    # NOT ENOUGH EVIDENCE exits 4 instead of 0 (--fail-on-inconclusive, benchmark.yaml).
    fail_on_inconclusive: bool = False

    def delta_for(
        self, metric: str, binary: bool = False, logged: MetricSpec | None = None
    ) -> float:
        """The margin of ``metric``; ``binary`` says whether its values are all 0/1, for a
        metric neither the log nor the registry knows."""
        if metric in self.metric_deltas:
            return self.metric_deltas[metric]
        if self.delta is not None:
            return self.delta
        spec = logged or metric_spec(metric)
        if spec is not None:
            return spec.default_delta
        return DEFAULT_DELTA_BINARY if binary else DEFAULT_DELTA_CONTINUOUS

    def higher_is_better(self, metric: str, logged: MetricSpec | None = None) -> bool:
        """The log's word on a metric's direction wins over this archbench's registry; a metric
        named with --lower-is-better is lower-is-better whatever the log says."""
        if metric in self.lower_is_better - DEFAULT_LOWER_IS_BETTER:
            return False
        if logged is not None:
            return logged.higher_is_better
        return metric not in self.lower_is_better


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
        problems.extend(_metric_mismatches(task, old.metric_specs, new.metric_specs))
    return problems


def _metric_mismatches(
    task: str, old: Mapping[str, MetricSpec], new: Mapping[str, MetricSpec]
) -> list[str]:
    """Metrics both logs describe, but differently: their values do not mean the same."""
    problems = []
    for name in sorted(set(old) & set(new)):
        for field_name in ("higher_is_better", "binary", "bounded"):
            before, after = getattr(old[name], field_name), getattr(new[name], field_name)
            if before != after:
                problems.append(f"task '{task}': metric '{name}' {field_name} {before} != {after}")
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
    return [
        *notes,
        *_model_note(base, candidate),
        *_unvalidated_note(base, candidate),
        *_same_prompt_note(base, candidate),
    ]


def _model_note(base: VersionRuns, candidate: VersionRuns) -> list[str]:
    base_models = {run.model for run in base.runs.values()}
    candidate_models = {run.model for run in candidate.runs.values()}
    if base_models == candidate_models:
        return []
    return [
        f"models differ: base {', '.join(sorted(base_models))}, "
        f"candidate {', '.join(sorted(candidate_models))}"
    ]


def _unvalidated_note(base: VersionRuns, candidate: VersionRuns) -> list[str]:
    runs = [run for side in (base, candidate) for run in side.runs.values()]
    unvalidated = sorted({key for run in runs for key in run.unvalidated_judges})
    if not unvalidated:
        return []
    return [
        f"unvalidated judge: {', '.join(unvalidated)} come from a judge/rubric pair that has "
        "not passed `archbench judge-check`; read their verdicts with care"
    ]


def _same_prompt_note(base: VersionRuns, candidate: VersionRuns) -> list[str]:
    base_sha, candidate_sha = base.first_run.agent_sha256, candidate.first_run.agent_sha256
    if base_sha is not None and base_sha == candidate_sha and base.reference != candidate.reference:
        return ["both versions have the same prompt sha256: the prompts are identical"]
    return []


def _inconsistent_prompt(side: VersionRuns) -> list[str]:
    hashes = {run.agent_sha256 for run in side.runs.values()}
    if len(hashes) <= 1:
        return []
    # The prompt file changed between task runs without a new version number.
    return [f"{side.reference}: the tasks' logs carry {len(hashes)} different prompt sha256"]


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


def _row(pairs: MetricPairs, gated: GatedComparison) -> Row:
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
        p_decision=_finite(c.p_decision),
        decided_by=c.decision.method,
        interval_method=c.interval.method,
        p_holm=_finite(gated.p_holm),
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
        role="primary" if gated.primary else "secondary",
        in_family=gated.in_family,
    )


def _sample_results(
    all_pairs: Sequence[MetricPairs], gated: Sequence[GatedComparison]
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


def _compare(pairs: MetricPairs, options: CompareOptions) -> MetricComparison:
    values = [v for s in pairs.pairs for v in (*s.base, *s.candidate)]
    binary = bool(values) and is_binary(values)
    spec = pairs.spec or metric_spec(pairs.metric)
    bounded = spec.bounded if spec is not None else all(0.0 <= v <= 1.0 for v in values)
    return compare_metric(
        pairs.pairs,
        GateSettings(alpha=options.alpha),
        options.delta_for(pairs.metric, binary, pairs.spec),
        options.higher_is_better(pairs.metric, pairs.spec),
        bounded,
    )


def _invalid(pairing: Pairing, mismatches: Sequence[str], options: CompareOptions) -> list[str]:
    refused = [] if options.allow_mismatch else [f"mismatch: {m}" for m in mismatches]
    if not pairing.metrics:
        refused.append("the versions share no task and metric")
    return refused + pairing.invalid


def build_report(
    base: VersionRuns,
    candidate: VersionRuns,
    options: CompareOptions,
    prices: PriceTable,
    mismatches: Sequence[str] = (),
    prompt_diff: str | None = None,
) -> Report:
    """Compare every (task, metric) present in both versions; Holm over the primary rows.

    Mismatches make the comparison INVALID unless ``options.allow_mismatch``; the rows are
    computed either way, so the report shows what the refused comparison would have said.
    """
    pairing = pair_all(base, candidate)
    comparisons = [_compare(p, options) for p in pairing.metrics]
    primary = [p.primary for p in pairing.metrics]
    gated = apply_gate(comparisons, options.alpha, GateSettings().power, primary)
    rows = [_row(p, g) for p, g in zip(pairing.metrics, gated, strict=True)]
    invalid = _invalid(pairing, mismatches, options)
    samples = _sample_results(pairing.metrics, gated)
    verdicts = [g.verdict for g in gated if g.primary]
    verdicts += [Verdict.INCONCLUSIVE] * len(pairing.missing_primaries)
    return Report(
        verdict=decide_outcome(verdicts, bool(invalid)).value,
        alpha=options.alpha,
        base=version_info(base, prices),
        candidate=version_info(candidate, prices),
        dataset_version={task: run.dataset_version for task, run in sorted(base.runs.items())},
        mismatch=list(mismatches) if options.allow_mismatch else [],
        notes=identity_notes(base, candidate) + pairing.notes,
        invalid=invalid,
        counts=pairing.counts,
        unpaired=pairing.unpaired,
        rows=rows,
        samples=samples,
        prompt_diff=prompt_diff,
        tiers=tier_rows(samples, sample_tiers(base, candidate), rows),
    )


def sample_tiers(base: VersionRuns, candidate: VersionRuns) -> dict[tuple[str, str], str]:
    """(task, sample id) -> tier, from either side's sample metadata (the candidate's wins)."""
    return {
        (task, record.sample_id): record.tier
        for side in (base, candidate)
        for task, run in side.runs.items()
        for record in run.records
        if record.tier is not None
    }
