"""Paired, epoch-aware statistics for "did prompt version B regress against version A?".

The unit of analysis is the *sample*, not the epoch: each sample's epochs are averaged within each
version first, then every test works on the per-sample paired differences
``d_i = mean_candidate_i - mean_base_i`` (E. Miller, "Adding Error Bars to Evals",
arXiv 2411.00640, sections 2-4). Treating epochs as independent samples understates the standard
error whenever the prompt change interacts with the sample, which inflates false regressions.

The array functions (``paired_t_test``, ``holm_adjust``, ``regression_mask``) are vectorised over
leading axes so that the same code serves one comparison and thousands of simulated ones.

Pure module: numpy and scipy.special only (scipy.stats costs about a second of import time per
command), no I/O. Distribution functions: ``stdtr``/``stdtrit`` are Student's t CDF and inverse,
``ndtri`` the standard normal quantile, ``bdtrc`` the binomial upper tail.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt
from scipy import special

FloatArray = npt.NDArray[np.float64]

# Enumerating all 2**n sign patterns is exact and cheaper than sampling below this size.
_EXACT_SIGN_FLIP_MAX_N = 13
# Bounds the memory of one block of sign-flip resamples (resamples x samples float64 cells).
_SIGN_FLIP_BLOCK_CELLS = 2_000_000


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
class PairedTTest:
    """Paired t results; every field has the shape of the input's leading axes."""

    n: npt.NDArray[np.int64]
    mean_diff: FloatArray
    se: FloatArray
    ci_low: FloatArray
    ci_high: FloatArray
    p_value: FloatArray
    mde: FloatArray


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


# --------------------------------------------------------------------------- array statistics


def paired_t_test(d: FloatArray, delta: float, alpha: float, power: float = 0.8) -> PairedTTest:
    """Paired t analysis of per-sample differences ``d`` (last axis = samples).

    - CI: ``mean(d) +- t_{1-alpha/2, n-1} * sd(d) / sqrt(n)`` (two-sided, level 1 - alpha).
    - p-value: one-sided, H0 "mu >= -delta" vs H1 "mu < -delta":
      ``p = F_t((mean(d) + delta) / se; n - 1)``. Small p means a regression beyond the margin.
    - MDE: ``(z_{1-alpha} + z_{power}) * se`` (Miller 2024, eq. 9 solved for the effect).

    A zero standard error (all differences equal) gives a degenerate but exact answer: the CI is
    the point, and p is 0 if the common difference is below -delta, else 1. With n < 2 every
    statistic except the mean is NaN.
    """
    d = np.asarray(d, dtype=np.float64)
    n = d.shape[-1]
    mean = d.mean(axis=-1) if n else np.full(d.shape[:-1], np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        sd = d.std(axis=-1, ddof=1) if n >= 2 else np.full(d.shape[:-1], np.nan)
        se = sd / math.sqrt(n) if n else sd
        df = max(n - 1, 1)
        half_width = special.stdtrit(df, 1 - alpha / 2) * se
        t_stat = (mean + delta) / se
        p = np.where(se > 0, special.stdtr(df, t_stat), np.where(mean < -delta, 0.0, 1.0))
    p = np.where(np.isnan(se), np.nan, p)
    mde = _mde_multiplier(alpha, power) * se
    return PairedTTest(
        n=np.full(d.shape[:-1], n, dtype=np.int64),
        mean_diff=np.asarray(mean, dtype=np.float64),
        se=np.asarray(se, dtype=np.float64),
        ci_low=np.asarray(mean - half_width, dtype=np.float64),
        ci_high=np.asarray(mean + half_width, dtype=np.float64),
        p_value=np.asarray(p, dtype=np.float64),
        mde=np.asarray(mde, dtype=np.float64),
    )


def holm_adjust(p: FloatArray) -> FloatArray:
    """Holm step-down adjusted p-values over the last axis (Holm 1979).

    ``p_holm_(k) = max_{j <= k} min(1, (m - j) * p_(j))`` with ascending ``p_(0) <= ...``.
    Missing p-values (NaN) are treated as 1: a row that could not be tested never counts as a
    discovery but still costs its share of alpha.
    """
    p = np.where(np.isnan(p), 1.0, np.asarray(p, dtype=np.float64))
    m = p.shape[-1]
    if m == 0:
        return p
    order = np.argsort(p, axis=-1)
    sorted_p = np.take_along_axis(p, order, axis=-1)
    multipliers = np.arange(m, 0, -1, dtype=np.float64)
    stepped = np.maximum.accumulate(np.minimum(1.0, sorted_p * multipliers), axis=-1)
    adjusted = np.empty_like(stepped)
    np.put_along_axis(adjusted, order, stepped, axis=-1)
    return adjusted


def regression_mask(p_holm: FloatArray, alpha: float) -> npt.NDArray[np.bool_]:
    """Rows where H0 "mu >= -delta" is rejected at family-wise level ``alpha``."""
    return np.asarray(p_holm < alpha)


def _mde_multiplier(alpha: float, power: float) -> float:
    """``z_{1-alpha} + z_{power}``: the MDE in standard errors (Miller 2024, eq. 9)."""
    return float(special.ndtri(1 - alpha) + special.ndtri(power))


def samples_needed(sd: float, delta: float, alpha: float, power: float = 0.8) -> int | None:
    """Samples for which the MDE at ``power`` equals ``delta``, given the observed sd of the
    per-sample differences: ``n = ((z_{1-alpha} + z_{power}) * sd / delta)^2`` (Miller 2024,
    eq. 9 with the epochs' noise already inside ``sd``; no multiplicity adjustment).

    None when it cannot be said: no margin, or no spread estimate.
    """
    if delta <= 0 or not math.isfinite(sd):
        return None
    return max(2, math.ceil((_mde_multiplier(alpha, power) * sd / delta) ** 2))


def binomial_upper_tail(successes: int, trials: int) -> float:
    """``P(X >= successes)`` for ``X ~ Binomial(trials, 1/2)``: an exact one-sided sign test."""
    if successes <= 0:
        return 1.0
    return float(special.bdtrc(successes - 1, trials, 0.5))


def sign_flip_p_value(d: FloatArray, delta: float, resamples: int, seed: int) -> float:
    """One-sided sign-flip permutation p-value for H0 "mu >= -delta".

    Under H0 at its boundary the shifted differences ``x_i = d_i + delta`` are symmetric about 0,
    so flipping their signs leaves the distribution of ``mean(x)`` unchanged. The p-value is the
    share of sign patterns whose mean is at most the observed one, counting the observed pattern
    (``(1 + hits) / (1 + resamples)``; Phipson & Smyth 2010). Exact enumeration when n is small.
    """
    x = np.asarray(d, dtype=np.float64) + delta
    n = x.size
    if n == 0:
        return math.nan
    observed = x.mean()
    # A tolerance keeps ties (e.g. all-zero differences) on the "as extreme" side.
    tolerance = 1e-12 * max(1.0, float(np.abs(x).max()))
    if n <= _EXACT_SIGN_FLIP_MAX_N:
        signs = _all_sign_patterns(n)
        flipped_means = signs @ x / n
        return float(np.mean(flipped_means <= observed + tolerance))
    hits = _count_random_flips_at_most(x, observed + tolerance, resamples, seed)
    return (1 + hits) / (1 + resamples)


def _all_sign_patterns(n: int) -> FloatArray:
    codes = np.arange(2**n, dtype=np.int64)[:, None] >> np.arange(n, dtype=np.int64)
    return np.where(codes & 1, -1.0, 1.0)


def _count_random_flips_at_most(x: FloatArray, threshold: float, resamples: int, seed: int) -> int:
    rng = np.random.default_rng(seed)
    block = max(1, _SIGN_FLIP_BLOCK_CELLS // x.size)
    hits = 0
    for start in range(0, resamples, block):
        size = min(block, resamples - start)
        signs = rng.integers(0, 2, size=(size, x.size), dtype=np.int8) * 2 - 1
        hits += int(np.count_nonzero(signs @ x / x.size <= threshold))
    return hits


def mcnemar_exact_p(base: FloatArray, candidate: FloatArray) -> float:
    """Exact one-sided McNemar test that the candidate fails more often than the base.

    Only the discordant pairs carry information: ``b`` = base pass / candidate fail,
    ``c`` = base fail / candidate pass; under H0 ``b ~ Binomial(b + c, 1/2)``
    and p = P(X >= b) (McNemar 1947, exact form; equals scipy.stats.binomtest "greater").
    """
    b = int(np.count_nonzero((base == 1) & (candidate == 0)))
    c = int(np.count_nonzero((base == 0) & (candidate == 1)))
    return binomial_upper_tail(b, b + c)


def correlation(base: FloatArray, candidate: FloatArray) -> float | None:
    """Pearson correlation of the versions' per-sample means; None when undefined.

    A high correlation is what makes the paired analysis more powerful than an unpaired one.
    """
    if base.size < 2 or np.ptp(base) == 0 or np.ptp(candidate) == 0:
        return None
    return float(np.corrcoef(base, candidate)[0, 1])


# --------------------------------------------------------------------------- per-sample labels


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


# --------------------------------------------------------------------------- one row, then the gate


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
    base = np.array([_mean(s.base) for s in samples], dtype=np.float64)
    candidate = np.array([_mean(s.candidate) for s in samples], dtype=np.float64)
    diffs = orientation * (candidate - base)
    binary_single_epoch = _is_binary_single_epoch(samples)
    tau = settings.tau_binary if _all_binary(samples) else settings.tau_continuous
    deltas = tuple(_sample_delta(s, tau, orientation) for s in samples)
    # McNemar counts "first is 1, second is 0" as a regression; lower-is-better swaps the roles.
    mcnemar_order = (base, candidate) if higher_is_better else (candidate, base)
    return MetricComparison(
        n=len(samples),
        delta=margin,
        higher_is_better=higher_is_better,
        base_mean=float(base.mean()) if len(samples) else math.nan,
        candidate_mean=float(candidate.mean()) if len(samples) else math.nan,
        test=paired_t_test(diffs, margin, settings.alpha, settings.power),
        p_permutation=sign_flip_p_value(
            diffs, margin, settings.permutation_resamples, settings.seed
        ),
        p_mcnemar=mcnemar_exact_p(*mcnemar_order) if binary_single_epoch else None,
        correlation=correlation(base, candidate),
        flips=count_flips([d.label for d in deltas]),
        samples=deltas,
    )


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
