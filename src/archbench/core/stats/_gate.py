"""Holm across the gated rows, a verdict for each row, and the outcome of the comparison.

Only primary rows with at least 2 paired samples form the gate's Holm family: a row that cannot
be tested would only spend alpha, and a secondary metric must not dilute the power of the ones
the gate is about. Secondary rows are Holm-adjusted as their own family, so their labels are
honest too, but they never decide the outcome.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from archbench.core.stats._significance import holm_adjust, samples_needed
from archbench.core.stats._types import MetricComparison, Outcome, Verdict


@dataclass(frozen=True)
class GatedComparison:
    """A ``MetricComparison`` after Holm adjustment, with its verdict and, when the run could not
    see a drop of ``delta``, how many samples would.

    ``primary`` rows decide the outcome; ``in_family`` is False for rows with fewer than 2
    paired samples (``p_holm`` is then NaN).
    """

    comparison: MetricComparison
    p_holm: float
    verdict: Verdict
    underpowered: bool
    samples_needed: int | None
    primary: bool = True
    in_family: bool = True


def decide_verdict(
    p_holm: float, ci_low: float, delta: float, alpha: float, p_noninferior: float = 0.0
) -> Verdict:
    """REGRESSION if the Holm-adjusted p < alpha; NON-INFERIOR if the interval's lower bound is
    above -delta and the non-inferiority test agrees at alpha/2 (the interval is two-sided);
    otherwise INCONCLUSIVE. NaN (untested) is never a regression nor non-inferior."""
    if p_holm < alpha:
        return Verdict.REGRESSION
    if ci_low > -delta and p_noninferior < alpha / 2:
        return Verdict.NON_INFERIOR
    return Verdict.INCONCLUSIVE


def _holm_within(
    comparisons: Sequence[MetricComparison], members: Sequence[bool]
) -> list[float]:
    """Holm-adjusted decision p of the member rows (one family); NaN for the others."""
    chosen = [i for i, member in enumerate(members) if member]
    p_raw = np.array([comparisons[i].p_decision for i in chosen], dtype=np.float64)
    adjusted = [math.nan] * len(comparisons)
    for i, p in zip(chosen, holm_adjust(p_raw), strict=True):
        adjusted[i] = float(p)
    return adjusted


def apply_gate(
    comparisons: Sequence[MetricComparison],
    alpha: float,
    power: float = 0.8,
    primary: Sequence[bool] | None = None,
) -> list[GatedComparison]:
    """Holm-adjust the rows' decision p-values and give each row its verdict.

    ``primary`` marks the gated rows (all of them when None); primary and secondary rows are
    two separate Holm families, and rows with fewer than 2 paired samples are in neither.
    """
    is_primary = [True] * len(comparisons) if primary is None else list(primary)
    testable = [c.n >= 2 for c in comparisons]
    gated = _holm_within(comparisons, [t and p for t, p in zip(testable, is_primary, strict=True)])
    others = _holm_within(
        comparisons, [t and not p for t, p in zip(testable, is_primary, strict=True)]
    )
    return [
        _gated(c, gated[i] if is_primary[i] else others[i], alpha, power, is_primary[i])
        for i, c in enumerate(comparisons)
    ]


def _gated(
    c: MetricComparison, p_holm: float, alpha: float, power: float, primary: bool
) -> GatedComparison:
    return GatedComparison(
        comparison=c,
        p_holm=p_holm,
        verdict=decide_verdict(p_holm, c.ci_low, c.delta, alpha, c.decision.p_noninferior),
        underpowered=not c.mde80 <= c.delta,  # NaN (n < 2) is underpowered too
        samples_needed=samples_needed(float(c.test.se) * math.sqrt(c.n), c.delta, alpha, power),
        primary=primary,
        in_family=c.n >= 2,
    )


def decide_outcome(primary_verdicts: Sequence[Verdict], invalid: bool) -> Outcome:
    """The comparison's outcome from its primary rows' verdicts.

    INVALID COMPARISON when the inputs cannot be compared; REGRESSION when a primary row
    regressed; NO REGRESSION only when there is at least one primary row and every one is
    NON-INFERIOR; NOT ENOUGH EVIDENCE otherwise (an inconclusive or untested primary row, or
    none at all): the gate never calls "no regression" what it could not see.
    """
    if invalid:
        return Outcome.INVALID
    if Verdict.REGRESSION in primary_verdicts:
        return Outcome.REGRESSION
    if primary_verdicts and all(v is Verdict.NON_INFERIOR for v in primary_verdicts):
        return Outcome.NO_REGRESSION
    return Outcome.NOT_ENOUGH_EVIDENCE
