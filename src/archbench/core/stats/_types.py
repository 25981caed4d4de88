"""The value types of the gate: settings, per-sample inputs and labels, and one row's results."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from archbench.core.stats._significance import PairedTTest


class Verdict(StrEnum):
    """Decision for one (task, metric) row."""

    REGRESSION = "REGRESSION"
    NON_INFERIOR = "NON-INFERIOR"
    INCONCLUSIVE = "INCONCLUSIVE"


class Outcome(StrEnum):
    """Decision for a whole comparison, from its gated rows (see ``decide_outcome``)."""

    REGRESSION = "REGRESSION"
    NO_REGRESSION = "NO REGRESSION"
    NOT_ENOUGH_EVIDENCE = "NOT ENOUGH EVIDENCE"
    INVALID = "INVALID COMPARISON"


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
        alpha: family-wise error rate of the gate (Holm across the gated rows); the confidence
            interval is two-sided at level ``1 - alpha`` (95% by default).
        delta: non-inferiority margin, the smallest drop that matters, in metric units.
        power: target power for the minimum detectable effect (0.8 gives MDE80).
        tau_binary: |d| that counts as a flip for 0/1 metrics (pass rates).
        tau_continuous: |d| that counts as a flip for continuous metrics in [0, 1].
        permutation_resamples: random sign-flip resamples, for callers of
            ``sign_flip_p_value`` beyond exact enumeration (the gate itself enumerates exactly
            up to ``EXACT_MAX_N`` samples and uses the t test above).
        seed: seed of the sign-flip resampling, so reports are reproducible.
    """

    alpha: float = 0.05
    delta: float = 0.05
    power: float = 0.8
    tau_binary: float = 0.5
    tau_continuous: float = 0.1
    permutation_resamples: int = 1_999
    seed: int = 20_241_104


# The two per-sample types are named tuples, not dataclasses: a comparison of 10,000 samples
# builds one of each per sample and metric, and a tuple is built in a third of the time and
# kept in half the memory.
class SampleEpochs(NamedTuple):
    """One sample's scored epochs for one metric in both versions (unscored epochs removed)."""

    sample_id: str
    base: tuple[float, ...]
    candidate: tuple[float, ...]


class SampleDelta(NamedTuple):
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
class Decision:
    """The test that decides a row, and its two one-sided p-values at the margin.

    ``p_regression`` tests H0 "mu >= -delta" (small: a regression beyond the margin);
    ``p_noninferior`` tests H0 "mu <= -delta" (small: no drop as large as the margin).
    """

    method: str
    p_regression: float
    p_noninferior: float


@dataclass(frozen=True)
class Interval:
    """The two-sided ``1 - alpha`` interval of the oriented mean difference, and how it was
    made (named in the report, e.g. "Newcombe" or "t, clipped to [-1, 1]")."""

    low: float
    high: float
    method: str


@dataclass(frozen=True)
class MetricComparison:
    """Everything computed for one (task, metric) before the multiple-comparison step.

    ``diff`` and its interval are oriented: positive is better (see ``compare_metric``).
    ``p_value`` is the one-sided paired t p-value for H0 "mu >= -delta"; ``decision`` holds the
    p-values that decide (exact sign flips at small n, with McNemar for single-epoch 0/1 data);
    ``p_permutation`` is the exact sign-flip p (None above ``EXACT_MAX_N`` samples);
    ``p_mcnemar`` (binary, single epoch only) tests H0 "no more regressions than improvements".
    """

    n: int
    delta: float
    higher_is_better: bool
    base_mean: float
    candidate_mean: float
    test: PairedTTest
    decision: Decision
    interval: Interval
    p_permutation: float | None
    p_mcnemar: float | None
    correlation: float | None
    flips: FlipCounts
    samples: tuple[SampleDelta, ...]

    @property
    def diff(self) -> float:
        return float(self.test.mean_diff)

    @property
    def ci_low(self) -> float:
        return self.interval.low

    @property
    def ci_high(self) -> float:
        return self.interval.high

    @property
    def p_value(self) -> float:
        return float(self.test.p_value)

    @property
    def p_decision(self) -> float:
        return self.decision.p_regression

    @property
    def mde80(self) -> float:
        return float(self.test.mde)
