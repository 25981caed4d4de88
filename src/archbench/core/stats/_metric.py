"""One (task, metric) row: epochs averaged per sample, per-sample flip labels, the paired tests
on the differences, and the test and interval that fit the data (exact at small n, bounded
intervals for bounded metrics)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from archbench.core.stats._arrays import FloatArray
from archbench.core.stats._exact import EXACT_MAX_N, exact_sign_flip_p, newcombe_paired_interval
from archbench.core.stats._significance import (
    PairedTTest,
    binomial_upper_tail,
    correlation,
    mcnemar_exact_p,
    paired_t_test,
)
from archbench.core.stats._types import (
    Decision,
    FlipCounts,
    FlipLabel,
    GateSettings,
    Interval,
    MetricComparison,
    SampleDelta,
    SampleEpochs,
)


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
    gain = orientation * (_mean(sample.candidate) - _mean(sample.base))
    return _label(gain, max(_spread(sample.base), _spread(sample.candidate)), tau)


def _label(gain: float, spread: float, tau: float) -> FlipLabel:
    """``flip_label`` from the oriented difference of the means and the larger epoch spread."""
    if spread >= tau:
        return FlipLabel.FLAKY
    if gain >= tau:
        return FlipLabel.IMPROVED
    if gain <= -tau:
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
    bounded: bool = False,
) -> MetricComparison:
    """Analyse one (task, metric): average epochs per sample, then test the paired differences.

    Differences are oriented so that positive means better: ``candidate - base``, negated for a
    metric where lower is better (e.g. a false-positive rate). Means stay in raw units.

    Args:
        samples: samples scored in both versions, each with at least one epoch per version.
        settings: gate parameters.
        delta: margin for this metric; ``settings.delta`` when None.
        higher_is_better: False for metrics where a decrease is an improvement.
        bounded: every value lies in [0, 1], so the difference of means lies in [-1, 1] and its
            interval is kept there.
    """
    margin = settings.delta if delta is None else delta
    orientation = 1.0 if higher_is_better else -1.0
    binary = _all_binary(samples)
    deltas = tuple(_sample_delta(s, _tau(settings, binary), orientation) for s in samples)
    # Each sample's epochs averaged: the unit of analysis is the sample, not the epoch.
    base = np.array([d.base for d in deltas], dtype=np.float64)
    candidate = np.array([d.candidate for d in deltas], dtype=np.float64)
    diffs = orientation * (candidate - base)
    test = paired_t_test(diffs, margin, settings.alpha, settings.power)
    p_mcnemar = _mcnemar_p(samples, base, candidate, higher_is_better)
    exact = _exact_p(diffs, margin)
    # Oriented so that the interval is of "better minus worse-if-dropped".
    pairs = (base, candidate) if higher_is_better else (candidate, base)
    return MetricComparison(
        n=len(samples),
        delta=margin,
        higher_is_better=higher_is_better,
        base_mean=_mean_or_nan(base),
        candidate_mean=_mean_or_nan(candidate),
        test=test,
        decision=_decision(test, exact, p_mcnemar),
        interval=_interval(test, pairs, settings.alpha, p_mcnemar is not None, bounded or binary),
        p_permutation=exact[0] if exact else None,
        p_mcnemar=p_mcnemar,
        correlation=correlation(base, candidate),
        flips=count_flips([d.label for d in deltas]),
        samples=deltas,
    )


def _tau(settings: GateSettings, binary: bool) -> float:
    return settings.tau_binary if binary else settings.tau_continuous


def _exact_p(diffs: FloatArray, delta: float) -> tuple[float, float] | None:
    """Exact sign-flip p-values (regression, non-inferiority) at the margin; None when n is
    too small to test (< 2) or large enough for the t test (> ``EXACT_MAX_N``).

    Under H0 at its boundary the shifted differences ``x_i = d_i + delta`` are symmetric about
    0, so each of the 2**n sign patterns is equally likely; p is the share of patterns at least
    as extreme as the observed one (the observed pattern included).
    """
    n = diffs.size
    if n < 2 or n > EXACT_MAX_N:
        return None
    x = diffs + delta
    tolerance = 1e-9 * max(1.0, float(np.abs(x).max()))
    return (exact_sign_flip_p(x, tolerance), exact_sign_flip_p(-x, tolerance))


def _decision(
    test: PairedTTest, exact: tuple[float, float] | None, p_mcnemar: float | None
) -> Decision:
    """Exact sign flips up to ``EXACT_MAX_N`` samples, the t test above; single-epoch 0/1 data
    must also pass exact McNemar, so a regression needs more losses than wins by an exact
    test as well as a drop beyond the margin (the larger p of two valid tests is valid)."""
    n = int(test.n)
    if n < 2:
        return Decision("not tested (fewer than 2 paired samples)", math.nan, math.nan)
    if exact is not None:
        method, p_regression, p_noninferior = "exact sign-flip", exact[0], exact[1]
    else:
        method, p_regression = "paired t", float(test.p_value)
        p_noninferior = _t_upper_p(test)
    if p_mcnemar is not None:
        method, p_regression = f"{method} + exact McNemar", max(p_regression, p_mcnemar)
    return Decision(method, p_regression, p_noninferior)


def _t_upper_p(test: PairedTTest) -> float:
    """One-sided t p for H0 "mu <= -delta" (the non-inferiority direction)."""
    return float(1.0 - test.p_value) if float(test.se) > 0 else float(test.p_value == 0.0)


def _interval(
    test: PairedTTest,
    pairs: tuple[FloatArray, FloatArray],
    alpha: float,
    binary_single_epoch: bool,
    bounded: bool,
) -> Interval:
    """Newcombe's paired-proportion interval for single-epoch 0/1 data; for other bounded
    metrics the t interval clipped to [-1, 1] (the method names the clipping when it
    happens); the plain t interval otherwise."""
    if int(test.n) < 2:
        return Interval(math.nan, math.nan, "none (fewer than 2 paired samples)")
    if binary_single_epoch:
        low, high = newcombe_paired_interval(pairs[0], pairs[1], alpha)
        return Interval(low, high, "Newcombe (paired Wilson)")
    low, high = float(test.ci_low), float(test.ci_high)
    if bounded and (low < -1.0 or high > 1.0):
        return Interval(max(low, -1.0), min(high, 1.0), "t, clipped to [-1, 1]")
    return Interval(low, high, "t")


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
    """The sample's epoch means, oriented difference and flip label (``flip_label``'s rule,
    without computing the means twice)."""
    base = _mean(sample.base)
    candidate = _mean(sample.candidate)
    gain = orientation * (candidate - base)
    spread = max(_spread(sample.base), _spread(sample.candidate))
    return SampleDelta(sample.sample_id, base, candidate, gain, _label(gain, spread, tau))


def _all_binary(samples: Sequence[SampleEpochs]) -> bool:
    return bool(samples) and all(is_binary(s.base) and is_binary(s.candidate) for s in samples)


def _is_binary_single_epoch(samples: Sequence[SampleEpochs]) -> bool:
    single = all(len(s.base) == 1 and len(s.candidate) == 1 for s in samples)
    return bool(samples) and single and _all_binary(samples)
