"""Exact tests, bounded intervals and the comparison's outcome (archbench.core.stats)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy import stats as sps

from archbench.commands.nightly import worst_exit
from archbench.core.stats import (
    Outcome,
    Verdict,
    decide_outcome,
    exact_sign_flip_p,
    newcombe_paired_interval,
    sign_flip_p_value,
    wilson_interval,
)


@pytest.mark.parametrize("n", [1, 2, 5, 9])
def test_meet_in_the_middle_counts_every_sign_pattern(n: int) -> None:
    x = np.random.default_rng(n).normal(-0.2, 1.0, size=n)
    patterns = np.array(list(itertools.product([1.0, -1.0], repeat=n)))
    brute = float(np.mean(patterns @ x <= x.sum() + 1e-9))
    assert exact_sign_flip_p(x, 1e-9) == pytest.approx(brute)


def test_sign_flip_is_exact_up_to_twenty_samples() -> None:
    d = np.full(20, -1.0)
    # Only the observed pattern is as extreme: 2**-20, which random resampling cannot resolve.
    assert sign_flip_p_value(d, 0.0, resamples=99, seed=0) == pytest.approx(2.0**-20)


def test_wilson_matches_scipy_binomtest() -> None:
    expected = sps.binomtest(3, 10).proportion_ci(0.95, method="wilson")
    assert wilson_interval(3, 10, 0.05) == pytest.approx((expected.low, expected.high))
    assert wilson_interval(0, 10, 0.05)[0] == 0.0


def test_newcombe_matches_the_published_paired_example() -> None:
    # Cavo et al. 2012 as tabulated by Fagerland, Lydersen & Laake (contingencytables, ch. 8):
    # [[59, 6], [16, 80]] gives -0.0621 (95% CI -0.1186 to -0.0046) for row minus column.
    base = np.array([1.0] * 59 + [1.0] * 6 + [0.0] * 16 + [0.0] * 80)
    candidate = np.array([1.0] * 59 + [0.0] * 6 + [1.0] * 16 + [0.0] * 80)
    low, high = newcombe_paired_interval(base, candidate, 0.05)
    assert (low, high) == pytest.approx((0.0046, 0.1186), abs=5e-5)


def test_newcombe_stays_in_range_and_does_not_collapse_on_agreement() -> None:
    ones = np.ones(5)
    low, high = newcombe_paired_interval(ones, np.zeros(5), 0.05)
    assert -1.0 <= low < high <= 1.0
    low, high = newcombe_paired_interval(ones, ones, 0.05)
    assert low < 0.0 < high  # five agreeing samples do not prove "no drop"


@pytest.mark.parametrize(
    ("verdicts", "invalid", "expected"),
    [
        ([Verdict.NON_INFERIOR, Verdict.NON_INFERIOR], False, Outcome.NO_REGRESSION),
        ([Verdict.NON_INFERIOR, Verdict.INCONCLUSIVE], False, Outcome.NOT_ENOUGH_EVIDENCE),
        ([Verdict.INCONCLUSIVE, Verdict.REGRESSION], False, Outcome.REGRESSION),
        ([], False, Outcome.NOT_ENOUGH_EVIDENCE),
        ([Verdict.REGRESSION], True, Outcome.INVALID),
    ],
)
def test_outcome_never_says_no_regression_without_evidence(
    verdicts: list[Verdict], invalid: bool, expected: Outcome
) -> None:
    assert decide_outcome(verdicts, invalid) is expected


def test_not_enough_evidence_never_hides_a_regression_in_the_nightly_exit_code() -> None:
    assert worst_exit(4, 1) == 1 and worst_exit(0, 4) == 4
    assert worst_exit(1, 2, 4) == 2 and worst_exit(3, 4) == 3
