"""Array statistics of paired differences: the paired t test, Holm's adjustment, the sign-flip
permutation test, exact binomial and McNemar tests, and the sample size a margin needs.

The array functions (``paired_t_test``, ``holm_adjust``, ``regression_mask``) are vectorised
over leading axes so that the same code serves one comparison and thousands of simulated ones.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from archbench.core.stats._arrays import FloatArray
from archbench.core.stats._exact import EXACT_MAX_N, exact_sign_flip_p
from archbench.core.stats._special import special

# Bounds the memory of one block of sign-flip resamples (resamples x samples float64 cells).
_SIGN_FLIP_BLOCK_CELLS = 2_000_000


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
        half_width = special().stdtrit(df, 1 - alpha / 2) * se
        t_stat = (mean + delta) / se
        p = np.where(se > 0, special().stdtr(df, t_stat), np.where(mean < -delta, 0.0, 1.0))
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
    return float(special().ndtri(1 - alpha) + special().ndtri(power))


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
    return float(special().bdtrc(successes - 1, trials, 0.5))


def sign_flip_p_value(d: FloatArray, delta: float, resamples: int, seed: int) -> float:
    """One-sided sign-flip permutation p-value for H0 "mu >= -delta".

    Under H0 at its boundary the shifted differences ``x_i = d_i + delta`` are symmetric about 0,
    so flipping their signs leaves the distribution of ``mean(x)`` unchanged. The p-value is the
    share of sign patterns whose mean is at most the observed one, counting the observed pattern
    (``(1 + hits) / (1 + resamples)``; Phipson & Smyth 2010). Exact enumeration up to
    ``EXACT_MAX_N`` samples.
    """
    x = np.asarray(d, dtype=np.float64) + delta
    n = x.size
    if n == 0:
        return math.nan
    observed = x.mean()
    # A tolerance keeps ties (e.g. all-zero differences) on the "as extreme" side.
    tolerance = 1e-12 * max(1.0, float(np.abs(x).max()))
    if n <= EXACT_MAX_N:
        return exact_sign_flip_p(x, tolerance)
    hits = _count_random_flips_at_most(x, observed + tolerance, resamples, seed)
    return (1 + hits) / (1 + resamples)


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
