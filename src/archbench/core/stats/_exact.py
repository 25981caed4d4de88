"""Exact small-sample tests and intervals that stay inside a bounded metric's range.

- ``exact_sign_flip_p``: every one of the 2**n sign patterns, counted by meeting in the middle
  (two halves of 2**(n/2) sums each, sorted and searched), so n = 20 costs two arrays of 1,024
  sums instead of a 1,048,576 x 20 matrix.
- ``wilson_interval``: the score interval of one proportion (Wilson 1927).
- ``newcombe_paired_interval``: the difference of two paired proportions from their Wilson
  intervals and the phi correlation of the pairs (Newcombe 1998, method 10); it stays in [-1, 1]
  and, unlike the t interval, does not collapse to a point when every pair agrees.
"""

from __future__ import annotations

import math

import numpy as np

from archbench.core.stats._arrays import FloatArray
from archbench.core.stats._special import special

# Exact enumeration up to this many samples: 2 x 2**10 sums; beyond it the t test or the random
# sign flips take over (and the normal approximation is good).
EXACT_MAX_N = 20


def _subset_sums(x: FloatArray) -> FloatArray:
    """The sums of ``+-x_i`` over every sign pattern of ``x`` (2**len(x) values)."""
    sums = np.zeros(1, dtype=np.float64)
    for value in x:
        sums = np.concatenate([sums + value, sums - value])
    return sums


def exact_sign_flip_p(x: FloatArray, tolerance: float) -> float:
    """``P(sum(s * x) <= sum(x))`` over all equally likely sign vectors ``s``, exactly.

    ``tolerance`` keeps floating-point ties on the "as extreme" side (ties count as hits).
    """
    n = x.size
    left = np.sort(_subset_sums(x[: n // 2]))
    right = _subset_sums(x[n // 2 :])
    threshold = float(x.sum()) + tolerance
    hits = int(np.searchsorted(left, threshold - right, side="right").sum())
    return hits / float(2**n)


def wilson_interval(successes: int, n: int, alpha: float) -> tuple[float, float]:
    """Two-sided ``1 - alpha`` Wilson score interval of ``successes / n`` (inside [0, 1])."""
    if n == 0:
        return (math.nan, math.nan)
    z = float(special().ndtri(1 - alpha / 2))
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (max(0.0, centre - half), min(1.0, centre + half))


def _phi(both: int, base_only: int, candidate_only: int, neither: int) -> float:
    """Correlation of the paired 0/1 outcomes with Newcombe's shrinkage towards 0: a positive
    cross-product difference is reduced by n/2, and 0 when a margin is empty."""
    product = (
        (both + base_only) * (candidate_only + neither) * (both + candidate_only)
        * (base_only + neither)
    )  # fmt: skip
    if product == 0:
        return 0.0
    n = both + base_only + candidate_only + neither
    cross = float(both * neither - base_only * candidate_only)
    if cross > n / 2:
        cross -= n / 2
    elif cross >= 0:
        cross = 0.0
    return cross / math.sqrt(product)


def newcombe_paired_interval(
    base: FloatArray, candidate: FloatArray, alpha: float
) -> tuple[float, float]:
    """Two-sided ``1 - alpha`` interval of ``mean(candidate) - mean(base)`` for paired 0/1 data.

    Newcombe (1998), method 10: with Wilson limits ``(l_c, u_c)`` and ``(l_b, u_b)``,
    ``L = theta - sqrt((p_c - l_c)^2 - 2 phi (p_c - l_c)(u_b - p_b) + (u_b - p_b)^2)`` and
    ``U = theta + sqrt((u_c - p_c)^2 - 2 phi (u_c - p_c)(p_b - l_b) + (p_b - l_b)^2)``.
    """
    n = base.size
    if n == 0:
        return (math.nan, math.nan)
    both = int(np.count_nonzero((base == 1) & (candidate == 1)))
    base_only = int(np.count_nonzero((base == 1) & (candidate == 0)))
    candidate_only = int(np.count_nonzero((base == 0) & (candidate == 1)))
    neither = n - both - base_only - candidate_only
    p_b, p_c = (both + base_only) / n, (both + candidate_only) / n
    l_b, u_b = wilson_interval(both + base_only, n, alpha)
    l_c, u_c = wilson_interval(both + candidate_only, n, alpha)
    phi = _phi(both, base_only, candidate_only, neither)
    theta = p_c - p_b
    lower = (p_c - l_c) ** 2 - 2 * phi * (p_c - l_c) * (u_b - p_b) + (u_b - p_b) ** 2
    upper = (u_c - p_c) ** 2 - 2 * phi * (u_c - p_c) * (p_b - l_b) + (p_b - l_b) ** 2
    low = theta - math.sqrt(max(lower, 0.0))
    high = theta + math.sqrt(max(upper, 0.0))
    return (max(-1.0, low), min(1.0, high))
