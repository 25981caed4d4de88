"""One (task, metric) row: epochs averaged per sample, per-sample flip labels, the paired
tests on the differences, then Holm across rows and a verdict for each."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from archbench.core.stats._significance import (
    FloatArray,
    PairedTTest,
    binomial_upper_tail,
    correlation,
    holm_adjust,
    mcnemar_exact_p,
    paired_t_test,
    samples_needed,
    sign_flip_p_value,
)


class Verdict(StrEnum):
    """Decision for one (task, metric) row."""

    REGRESSION = "REGRESSION"
    NON_INFERIOR = "NON-INFERIOR"
    INCONCLUSIVE = "INCONCLUSIVE"


class FlipLabel(StrEnum):
    """Noise-aware label of one sample's change between versions."""

    IMPROVED = "improved"
    REGRESSED = "regressed"
    UNCHANGED = "unchanged"
    FLAKY = "flaky"


@dataclass(frozen=True)
class GateSettings:
    """Parameters of the regression gate.

    Attributes:
        alpha: family-wise error rate of the gate (Holm across all rows); the confidence
            interval is two-sided at level ``1 - alpha`` (95% by default).
        delta: non-inferiority margin, the smallest drop that matters, in metric units.
        power: target power for the minimum detectable effect (0.8 gives MDE80).
        tau_binary: |d| that counts as a flip for 0/1 metrics (pass rates).
        tau_continuous: |d| that counts as a flip for continuous metrics in [0, 1].
        permutation_resamples: sign-flip resamples when exact enumeration is too large; 1,999
            resolve p to 0.0005 with a Monte Carlo error near 0.005 at p = 0.05, enough for a
            check on the t test (and cheap: ~0.1 s at 1,000 samples).
        seed: seed of the sign-flip resampling, so reports are reproducible.
    """

    alpha: float = 0.05
    delta: float = 0.02
    power: float = 0.8
    tau_binary: float = 0.5
    tau_continuous: float = 0.1
    permutation_resamples: int = 1_999
    seed: int = 20_241_104


@dataclass(frozen=True)
class SampleEpochs:
    """One sample's scored epochs for one metric in both versions (unscored epochs removed)."""

    sample_id: str
    base: tuple[float, ...]
    candidate: tuple[float, ...]


@dataclass(frozen=True)
class SampleDelta:
    """One sample's epoch-averaged scores, their oriented difference (positive = better) and its
    flip label."""

    sample_id: str
    base: float
    candidate: float
    diff: float
    label: FlipLabel


@dataclass(frozen=True)
class FlipCounts:
    """How many samples carry each flip label, and a sign test on improved vs regressed."""

    improved: int
    regressed: int
    unchanged: int
    flaky: int
    p_sign: float


@dataclass(frozen=True)
class MetricComparison:
    """Everything computed for one (task, metric) before the multiple-comparison step.

    ``diff`` and its interval are oriented: positive is better (see ``compare_metric``).
    ``p_value`` is the one-sided paired t p-value for H0 "mu >= -delta"; ``p_permutation`` tests
    the same hypothesis by sign flips; ``p_mcnemar`` (binary, single epoch only) tests H0
    "no more regressions than improvements" (margin 0).
    """

    n: int
    delta: float
    higher_is_better: bool
    base_mean: float
    candidate_mean: float
    test: PairedTTest
    p_permutation: float
    p_mcnemar: float | None
    correlation: float | None
    flips: FlipCounts
    samples: tuple[SampleDelta, ...]

    @property
    def diff(self) -> float:
        return float(self.test.mean_diff)

    @property
    def ci_low(self) -> float:
        return float(self.test.ci_low)

    @property
    def ci_high(self) -> float:
        return float(self.test.ci_high)

    @property
    def p_value(self) -> float:
        return float(self.test.p_value)

    @property
    def mde80(self) -> float:
        return float(self.test.mde)


@dataclass(frozen=True)
class GatedComparison:
    """A ``MetricComparison`` after Holm adjustment, with its verdict and, when the run could not
    see a drop of ``delta``, how many samples would."""

    comparison: MetricComparison
    p_holm: float
    verdict: Verdict
    underpowered: bool
    samples_needed: int | None


def is_binary(values: Sequence[float]) -> bool:
    """True when every value is exactly 0 or 1 (a pass/fail metric)."""
    return all(v in (0.0, 1.0) for v in values)


def _mean(values: Sequence[float]) -> float:
    # Plain Python: epochs are a handful of values, where np.mean's overhead dominates.
    return sum(values) / len(values)


def _spread(values: Sequence[float]) -> float:
    return max(values) - min(values)


def flip_label(sample: SampleEpochs, tau: float, orientation: float = 1.0) -> FlipLabel:
    """Label one sample: flaky when either version's epochs spread by at least ``tau``;
    otherwise improved / regressed when ``|d| >= tau``; otherwise unchanged.
    ``orientation`` is -1 for metrics where lower is better.

    Flaky wins over a large difference on purpose: a sample that does not reproduce within one
    version is noise first, and painting it red would be the mistake this label exists to avoid.
    """
    if max(_spread(sample.base), _spread(sample.candidate)) >= tau:
        return FlipLabel.FLAKY
    diff = orientation * (_mean(sample.candidate) - _mean(sample.base))
    if diff >= tau:
        return FlipLabel.IMPROVED
    if diff <= -tau:
        return FlipLabel.REGRESSED
    return FlipLabel.UNCHANGED


def count_flips(labels: Sequence[FlipLabel]) -> FlipCounts:
    """Tally labels, with an exact sign test on regressed vs improved (H1: more regressions)."""
    improved = labels.count(FlipLabel.IMPROVED)
    regressed = labels.count(FlipLabel.REGRESSED)
    moved = improved + regressed
    p_sign = binomial_upper_tail(regressed, moved)
    return FlipCounts(
        improved=improved,
        regressed=regressed,
        unchanged=labels.count(FlipLabel.UNCHANGED),
        flaky=labels.count(FlipLabel.FLAKY),
        p_sign=p_sign,
    )


def compare_metric(
    samples: Sequence[SampleEpochs],
    settings: GateSettings,
    delta: float | None = None,
    higher_is_better: bool = True,
) -> MetricComparison:
    """Analyse one (task, metric): average epochs per sample, then test the paired differences.

    Differences are oriented so that positive means better: ``candidate - base``, negated for a
    metric where lower is better (e.g. a false-positive rate). Means stay in raw units.

    Args:
        samples: samples scored in both versions, each with at least one epoch per version.
        settings: gate parameters.
        delta: margin for this metric; ``settings.delta`` when None.
        higher_is_better: False for metrics where a decrease is an improvement.
    """
    margin = settings.delta if delta is None else delta
    orientation = 1.0 if higher_is_better else -1.0
    base = _epoch_means([s.base for s in samples])
    candidate = _epoch_means([s.candidate for s in samples])
    diffs = orientation * (candidate - base)
    tau = settings.tau_binary if _all_binary(samples) else settings.tau_continuous
    deltas = tuple(_sample_delta(s, tau, orientation) for s in samples)
    return MetricComparison(
        n=len(samples),
        delta=margin,
        higher_is_better=higher_is_better,
        base_mean=_mean_or_nan(base),
        candidate_mean=_mean_or_nan(candidate),
        test=paired_t_test(diffs, margin, settings.alpha, settings.power),
        p_permutation=sign_flip_p_value(
            diffs, margin, settings.permutation_resamples, settings.seed
        ),
        p_mcnemar=_mcnemar_p(samples, base, candidate, higher_is_better),
        correlation=correlation(base, candidate),
        flips=count_flips([d.label for d in deltas]),
        samples=deltas,
    )


def _epoch_means(epochs: Sequence[Sequence[float]]) -> FloatArray:
    """Each sample's epochs averaged: the unit of analysis is the sample, not the epoch."""
    return np.array([_mean(scores) for scores in epochs], dtype=np.float64)


def _mean_or_nan(values: FloatArray) -> float:
    return float(values.mean()) if values.size else math.nan


def _mcnemar_p(
    samples: Sequence[SampleEpochs],
    base: FloatArray,
    candidate: FloatArray,
    higher_is_better: bool,
) -> float | None:
    """McNemar's test, defined for one 0/1 epoch per sample and version only."""
    if not _is_binary_single_epoch(samples):
        return None
    # McNemar counts "first is 1, second is 0" as a regression; lower-is-better swaps the roles.
    if higher_is_better:
        return mcnemar_exact_p(base, candidate)
    return mcnemar_exact_p(candidate, base)


def _sample_delta(sample: SampleEpochs, tau: float, orientation: float) -> SampleDelta:
    base = _mean(sample.base)
    candidate = _mean(sample.candidate)
    gain = orientation * (candidate - base)
    return SampleDelta(
        sample.sample_id, base, candidate, gain, flip_label(sample, tau, orientation)
    )


def _all_binary(samples: Sequence[SampleEpochs]) -> bool:
    return all(is_binary(s.base) and is_binary(s.candidate) for s in samples)


def _is_binary_single_epoch(samples: Sequence[SampleEpochs]) -> bool:
    single = all(len(s.base) == 1 and len(s.candidate) == 1 for s in samples)
    return bool(samples) and single and _all_binary(samples)


def decide_verdict(p_holm: float, ci_low: float, delta: float, alpha: float) -> Verdict:
    """REGRESSION if Holm-adjusted p < alpha; NON-INFERIOR if the CI's lower bound > -delta;
    otherwise INCONCLUSIVE. Only REGRESSION fails a CI gate."""
    if p_holm < alpha:
        return Verdict.REGRESSION
    if ci_low > -delta:
        return Verdict.NON_INFERIOR
    return Verdict.INCONCLUSIVE


def apply_gate(
    comparisons: Sequence[MetricComparison], alpha: float, power: float = 0.8
) -> list[GatedComparison]:
    """Holm-adjust the rows' p-values as one family and give each row its verdict."""
    p_raw = np.array([c.p_value for c in comparisons], dtype=np.float64)
    p_holm = holm_adjust(p_raw)
    return [
        GatedComparison(
            comparison=c,
            p_holm=float(p),
            verdict=decide_verdict(float(p), c.ci_low, c.delta, alpha),
            underpowered=not c.mde80 <= c.delta,  # NaN (n < 2) is underpowered too
            samples_needed=samples_needed(float(c.test.se) * math.sqrt(c.n), c.delta, alpha, power),
        )
        for c, p in zip(comparisons, p_holm, strict=True)
    ]
