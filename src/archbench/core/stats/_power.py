"""Power planning for the regression gate: how many samples and epochs catch a given drop.

The gate calls a row a REGRESSION when the one-sided paired t test rejects H0 "mu >= -delta"
after Holm's adjustment across the family. With a single true regression among ``m`` rows,
Holm's first step tests it at ``alpha / m``: the plan uses that level (conservative when
several rows regress at once). For a true drop ``D > delta`` and per-sample differences of
standard deviation ``sigma``, the test reaches power ``1 - beta`` at

    n = ((t_{1 - alpha/m, n-1} + t_{1 - beta, n-1}) * sigma / (D - delta))^2

(Miller 2024, "Adding Error Bars to Evals", eq. 9, one-sided, with t quantiles for small n).
Epochs shrink only the within-sample part of ``sigma``:
``sigma^2(K) = omega^2 + (sigma_A^2 + sigma_B^2) / K`` where ``omega^2`` is the variance of the
samples' true paired differences and ``sigma_M^2`` the mean within-sample epoch variance.

Pure: numpy and scipy.special, no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from archbench.core.stats._special import special

MAX_SAMPLES = 1_000_000


@dataclass(frozen=True)
class VarianceComponents:
    """The parts of the per-sample paired difference's variance.

    ``within_known`` is False when every sample had one epoch: the split cannot be seen, so
    all of the variance is put in ``between`` (epochs are then assumed not to help).
    """

    between: float
    within_base: float
    within_candidate: float
    within_known: bool = True

    def sd(self, epochs: int) -> float:
        """Standard deviation of a sample's epoch-averaged paired difference at ``epochs``."""
        return math.sqrt(self.between + (self.within_base + self.within_candidate) / epochs)


@dataclass(frozen=True)
class PowerTarget:
    """What the plan must detect, and at which error rates."""

    drop: float
    delta: float
    alpha: float
    family: int = 1
    power: float = 0.8

    @property
    def level(self) -> float:
        """The per-row level of Holm's first step."""
        return self.alpha / max(1, self.family)


def _epoch_variance(epochs: Sequence[Sequence[float]]) -> float | None:
    spreads = [float(np.var(e, ddof=1)) for e in epochs if len(e) >= 2]
    return float(np.mean(spreads)) if spreads else None


def _mean_epochs(epochs: Sequence[Sequence[float]]) -> float:
    """The harmonic mean of the epoch counts: what divides the within variance on average."""
    return len(epochs) / sum(1 / len(e) for e in epochs)


def estimate_components(
    base: Sequence[Sequence[float]], candidate: Sequence[Sequence[float]]
) -> VarianceComponents:
    """Variance components from observed paired samples (each: its scored epochs per version).

    ``omega^2 = Var(d_obs) - sigma_A^2 / K_A - sigma_B^2 / K_B`` (floored at 0), with
    ``d_obs`` the epoch-averaged differences (Miller 2024, section 4).
    """
    if len(base) != len(candidate) or len(base) < 2:
        raise ValueError("need at least 2 paired samples")
    diffs = np.array([np.mean(c) - np.mean(b) for b, c in zip(base, candidate, strict=True)])
    total = float(np.var(diffs, ddof=1))
    within_a, within_b = _epoch_variance(base), _epoch_variance(candidate)
    if within_a is None or within_b is None:
        return VarianceComponents(total, 0.0, 0.0, within_known=False)
    shrunk = within_a / _mean_epochs(base) + within_b / _mean_epochs(candidate)
    return VarianceComponents(max(0.0, total - shrunk), within_a, within_b)


def assumed_components(sd: float, epoch_share: float) -> VarianceComponents:
    """Components from an assumed sd of one-epoch paired differences, ``epoch_share`` of whose
    variance is epoch noise (split evenly between the versions)."""
    total = sd**2
    within = epoch_share * total / 2
    return VarianceComponents((1 - epoch_share) * total, within, within)


def rate_components(rate: float, epoch_share: float) -> VarianceComponents:
    """A 0/1 metric passing at ``rate`` in both versions: one-epoch paired differences of two
    independent Bernoulli draws have variance ``2 p (1 - p)``."""
    return assumed_components(math.sqrt(2 * rate * (1 - rate)), epoch_share)


def _multiplier(target: PowerTarget, n: int) -> float:
    df = max(n - 1, 1)
    return float(special().stdtrit(df, 1 - target.level) + special().stdtrit(df, target.power))


def detectable_drop(sd: float, n: int, target: PowerTarget) -> float:
    """The smallest true drop caught with ``target.power`` at ``n`` samples: the margin plus
    the minimum detectable effect beyond it."""
    if n < 2:
        return math.inf
    return target.delta + _multiplier(target, n) * sd / math.sqrt(n)


def power_at(sd: float, n: int, target: PowerTarget) -> float:
    """Approximate power of the gate at ``n`` samples for a true drop of ``target.drop``."""
    if n < 2:
        return 0.0
    if sd == 0:
        return 1.0 if target.drop > target.delta else 0.0
    df = n - 1
    shift = (target.drop - target.delta) * math.sqrt(n) / sd
    return float(special().stdtr(df, shift - special().stdtrit(df, 1 - target.level)))


def samples_for(sd: float, target: PowerTarget) -> int | None:
    """The fewest samples that catch ``target.drop``; None when no number can (the drop is
    within the margin) or it would exceed ``MAX_SAMPLES``."""
    gap = target.drop - target.delta
    if gap <= 0 or not math.isfinite(sd):
        return None
    if sd == 0:
        return 2
    z = special().ndtri(1 - target.level) + special().ndtri(target.power)
    n = max(2, math.ceil((z * sd / gap) ** 2))  # the normal answer; t needs a few more
    while detectable_drop(sd, n, target) > target.drop and n <= MAX_SAMPLES:
        n += max(1, n // 50)
    while n > 2 and detectable_drop(sd, n - 1, target) <= target.drop:
        n -= 1
    return n if n <= MAX_SAMPLES else None


def epochs_for(
    components: VarianceComponents, n: int, target: PowerTarget, max_epochs: int = 20
) -> int | None:
    """The fewest epochs at which ``n`` samples catch ``target.drop``; None beyond
    ``max_epochs`` (more samples are needed, or the drop is within the margin)."""
    for epochs in range(1, max_epochs + 1):
        if detectable_drop(components.sd(epochs), n, target) <= target.drop:
            return epochs
    return None
