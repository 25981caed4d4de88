"""Tests of the pure paired statistics (archbench.core.stats)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as sps

from archbench.core.stats import (
    FlipLabel,
    GateSettings,
    SampleEpochs,
    Verdict,
    apply_gate,
    binomial_upper_tail,
    compare_metric,
    count_flips,
    decide_verdict,
    flip_label,
    holm_adjust,
    mcnemar_exact_p,
    paired_t_test,
    regression_mask,
    samples_needed,
    sign_flip_p_value,
)

from .simulation import Scenario, simulate_epoch_scores

ALPHA = 0.05


def _gate_regressions(base: np.ndarray, candidate: np.ndarray, delta: float) -> np.ndarray:
    """The production gate on simulated data: epoch means, paired t, Holm across metrics."""
    diffs = candidate.mean(axis=-1) - base.mean(axis=-1)
    test = paired_t_test(diffs, delta, ALPHA)
    return regression_mask(holm_adjust(test.p_value), ALPHA)


# ------------------------------------------------------------------ simulations from the issue


def test_identical_versions_rarely_flagged_as_regression() -> None:
    base, candidate = simulate_epoch_scores(Scenario(), seed=11)
    false_regression_rate = _gate_regressions(base, candidate, delta=0.02).any(axis=-1).mean()
    assert false_regression_rate <= 0.05


def test_identical_versions_at_zero_margin_hold_alpha_family_wise() -> None:
    base, candidate = simulate_epoch_scores(Scenario(), seed=12)
    false_regression_rate = _gate_regressions(base, candidate, delta=0.0).any(axis=-1).mean()
    assert false_regression_rate <= 0.05


def test_ten_point_drop_on_one_metric_is_caught_at_least_80_percent() -> None:
    scenario = Scenario(candidate_shift=(-0.10, 0.0, 0.0, 0.0))
    base, candidate = simulate_epoch_scores(scenario, seed=13)
    regressions = _gate_regressions(base, candidate, delta=0.02)
    assert regressions[:, 0].mean() >= 0.80
    # The untouched metrics stay quiet while the dropped one is caught.
    assert regressions[:, 1:].any(axis=-1).mean() <= 0.05


def test_epochs_as_independent_samples_inflate_false_regressions_but_sample_unit_does_not() -> None:
    scenario = Scenario(
        binary_metrics=(False,), candidate_shift=(0.0,), interaction_sd=0.15, epoch_sd=0.15
    )
    base, candidate = simulate_epoch_scores(scenario, seed=14)
    per_sample = candidate.mean(axis=-1) - base.mean(axis=-1)
    per_epoch = (candidate - base).reshape(scenario.simulations, 1, -1)  # the naive unit
    sample_rate = (paired_t_test(per_sample, 0.0, ALPHA).p_value < ALPHA).mean()
    epoch_rate = (paired_t_test(per_epoch, 0.0, ALPHA).p_value < ALPHA).mean()
    assert sample_rate <= 0.07  # nominal 5% within Monte Carlo error (sd ~0.7 points)
    assert epoch_rate >= 0.10
    assert epoch_rate > sample_rate + 0.04


# ------------------------------------------------------------------ formulas against references


def test_paired_t_matches_scipy_one_sample_t() -> None:
    rng = np.random.default_rng(0)
    d = rng.normal(-0.03, 0.1, size=40)
    result = paired_t_test(d, delta=0.02, alpha=ALPHA)
    reference = sps.ttest_1samp(d, -0.02, alternative="less")
    interval = sps.ttest_1samp(d, 0.0).confidence_interval(0.95)
    assert float(result.p_value) == pytest.approx(reference.pvalue)
    assert float(result.ci_low) == pytest.approx(interval.low)
    assert float(result.ci_high) == pytest.approx(interval.high)
    expected_mde = (sps.norm.ppf(0.95) + sps.norm.ppf(0.8)) * d.std(ddof=1) / math.sqrt(40)
    assert float(result.mde) == pytest.approx(expected_mde)


def test_paired_t_with_constant_differences_is_degenerate_but_defined() -> None:
    flat = paired_t_test(np.zeros(10), delta=0.02, alpha=ALPHA)
    assert float(flat.p_value) == 1.0
    assert float(flat.ci_low) == float(flat.ci_high) == 0.0
    dropped = paired_t_test(np.full(10, -0.5), delta=0.02, alpha=ALPHA)
    assert float(dropped.p_value) == 0.0


def test_paired_t_with_one_sample_is_nan_not_a_verdict() -> None:
    result = paired_t_test(np.array([-1.0]), delta=0.02, alpha=ALPHA)
    assert math.isnan(float(result.p_value))
    assert (
        decide_verdict(
            float(holm_adjust(result.p_value[None])[0]), float(result.ci_low), 0.02, ALPHA
        )
        is Verdict.INCONCLUSIVE
    )


def test_holm_matches_hand_computation_and_keeps_order() -> None:
    adjusted = holm_adjust(np.array([0.01, 0.04, 0.03, 0.005]))
    np.testing.assert_allclose(adjusted, [0.03, 0.06, 0.06, 0.02])
    assert holm_adjust(np.array([np.nan, 0.001]))[0] == 1.0


def test_holm_is_vectorised_over_leading_axes() -> None:
    p = np.array([[0.01, 0.04, 0.03, 0.005], [0.5, 0.2, 0.9, 0.01]])
    np.testing.assert_allclose(holm_adjust(p)[1], holm_adjust(p[1]))


def test_exact_sign_flip_counts_patterns() -> None:
    # d = (-1, -1, -1): of 8 sign patterns only the observed one has mean <= -1.
    assert sign_flip_p_value(np.array([-1.0, -1.0, -1.0]), 0.0, 99, 0) == pytest.approx(1 / 8)
    assert sign_flip_p_value(np.zeros(5), 0.0, 99, 0) == 1.0


def test_random_sign_flip_agrees_with_t_on_large_samples() -> None:
    rng = np.random.default_rng(3)
    d = rng.normal(-0.04, 0.1, size=200)
    p_perm = sign_flip_p_value(d, 0.02, 9_999, seed=1)
    p_t = float(paired_t_test(d, 0.02, ALPHA).p_value)
    assert p_perm == pytest.approx(p_t, abs=0.01)


def test_mcnemar_uses_only_discordant_pairs() -> None:
    base = np.array([1, 1, 1, 1, 1, 0, 0, 1, 1, 1], dtype=float)
    cand = np.array([0, 0, 0, 0, 0, 0, 1, 1, 1, 1], dtype=float)
    # b = 5 regressions, c = 1 improvement: P(X >= 5 | n=6, 1/2) = 7/64.
    assert mcnemar_exact_p(base, cand) == pytest.approx(7 / 64)
    assert mcnemar_exact_p(base, base) == 1.0


# ------------------------------------------------------------------ labels and verdicts


@pytest.mark.parametrize(
    ("base", "candidate", "expected"),
    [
        ((1.0, 1.0, 1.0), (0.0, 0.0, 0.0), FlipLabel.REGRESSED),
        ((0.0, 0.0), (1.0, 1.0), FlipLabel.IMPROVED),
        ((1.0, 1.0, 1.0), (1.0, 0.0, 1.0), FlipLabel.FLAKY),
        ((1.0,), (1.0,), FlipLabel.UNCHANGED),
    ],
)
def test_flip_labels_for_pass_fail(
    base: tuple[float, ...], candidate: tuple[float, ...], expected: FlipLabel
) -> None:
    assert flip_label(SampleEpochs("s", base, candidate), tau=0.5) is expected


def test_flip_sign_test_detects_asymmetry() -> None:
    lopsided = count_flips([FlipLabel.REGRESSED] * 8 + [FlipLabel.UNCHANGED] * 3)
    assert lopsided.regressed == 8 and lopsided.unchanged == 3
    assert lopsided.p_sign == pytest.approx(0.5**8)
    assert count_flips([FlipLabel.IMPROVED, FlipLabel.REGRESSED]).p_sign == pytest.approx(0.75)


@pytest.mark.parametrize(
    ("p_holm", "ci_low", "expected"),
    [
        (0.01, -0.3, Verdict.REGRESSION),
        (0.60, -0.01, Verdict.NON_INFERIOR),
        (0.20, -0.05, Verdict.INCONCLUSIVE),
    ],
)
def test_verdict_rules(p_holm: float, ci_low: float, expected: Verdict) -> None:
    assert decide_verdict(p_holm, ci_low, delta=0.02, alpha=ALPHA) is expected


def _binary_samples(base: list[int], candidate: list[int]) -> list[SampleEpochs]:
    return [
        SampleEpochs(f"s{i}", (float(b),), (float(c),))
        for i, (b, c) in enumerate(zip(base, candidate, strict=True))
    ]


def test_compare_metric_end_to_end_on_a_clear_regression() -> None:
    samples = _binary_samples([1] * 30, [0] * 20 + [1] * 10)
    gated = apply_gate([compare_metric(samples, GateSettings())], ALPHA)[0]
    comparison = gated.comparison
    assert comparison.n == 30
    assert comparison.diff == pytest.approx(-20 / 30)
    assert comparison.flips.regressed == 20 and comparison.flips.unchanged == 10
    assert comparison.p_mcnemar is not None and comparison.p_mcnemar < 1e-5
    assert gated.verdict is Verdict.REGRESSION


def test_compare_metric_identical_runs_are_non_inferior_and_holm_spans_rows() -> None:
    same = [SampleEpochs(f"s{i}", (0.5 + i / 100,), (0.5 + i / 100,)) for i in range(20)]
    worse = [SampleEpochs(f"s{i}", (0.9, 0.9), (0.1, 0.2)) for i in range(20)]
    settings = GateSettings()
    gated = apply_gate([compare_metric(same, settings), compare_metric(worse, settings)], ALPHA)
    assert gated[0].verdict is Verdict.NON_INFERIOR
    assert gated[0].comparison.correlation == pytest.approx(1.0)
    assert gated[1].verdict is Verdict.REGRESSION
    assert gated[1].comparison.p_mcnemar is None  # not binary
    assert gated[1].p_holm >= gated[1].comparison.p_value


def test_underpowered_flag_when_mde_exceeds_delta() -> None:
    noisy = [SampleEpochs(f"s{i}", (0.0,), (float(i % 2),)) for i in range(8)]
    gated = apply_gate([compare_metric(noisy, GateSettings(delta=0.02))], ALPHA)[0]
    assert gated.underpowered
    assert gated.verdict is not Verdict.REGRESSION


@pytest.mark.parametrize(("successes", "trials"), [(0, 5), (5, 6), (3, 10), (10, 10), (40, 60)])
def test_binomial_upper_tail_matches_scipy_binomtest(successes: int, trials: int) -> None:
    expected = sps.binomtest(successes, trials, 0.5, alternative="greater").pvalue
    assert binomial_upper_tail(successes, trials) == pytest.approx(expected)


def test_lower_is_better_orients_differences_labels_and_mcnemar() -> None:
    # False positives rise from 0 to 1 on 10 of 12 samples: worse, though the raw mean goes up.
    samples = [SampleEpochs(f"s{i}", (0.0,), (float(i < 10),)) for i in range(12)]
    comparison = compare_metric(samples, GateSettings(), higher_is_better=False)
    assert comparison.candidate_mean > comparison.base_mean
    assert comparison.diff == pytest.approx(-10 / 12)
    assert comparison.flips.regressed == 10
    assert comparison.p_mcnemar == pytest.approx(0.5**10)
    assert apply_gate([comparison], ALPHA)[0].verdict is Verdict.REGRESSION


def test_compare_metric_is_the_per_sample_analysis_the_simulations_exercise() -> None:
    """The simulations call the vectorised functions; the report path must compute the same."""
    scenario = Scenario(simulations=20, binary_metrics=(False,), candidate_shift=(0.0,))
    base, candidate = simulate_epoch_scores(scenario, seed=15)
    vectorised = paired_t_test(candidate.mean(-1) - base.mean(-1), 0.02, ALPHA).p_value[:, 0]
    settings = GateSettings(delta=0.02, permutation_resamples=99)
    for simulation in range(scenario.simulations):
        samples = [
            SampleEpochs(f"s{i}", tuple(base[simulation, 0, i]), tuple(candidate[simulation, 0, i]))
            for i in range(scenario.samples)
        ]
        p_value = compare_metric(samples, settings).p_value
        assert p_value == pytest.approx(vectorised[simulation])


def test_samples_needed_inverts_the_mde() -> None:
    rng = np.random.default_rng(4)
    d = rng.normal(0.0, 0.2, size=30)
    n = samples_needed(float(d.std(ddof=1)), 0.02, ALPHA)
    assert n is not None
    # At n samples with the same spread the MDE80 is at most delta; one sample fewer, above it.
    multiplier = sps.norm.ppf(0.95) + sps.norm.ppf(0.8)
    assert multiplier * d.std(ddof=1) / math.sqrt(n) <= 0.02
    assert multiplier * d.std(ddof=1) / math.sqrt(n - 1) > 0.02
    assert samples_needed(0.2, 0.0, ALPHA) is None
    assert samples_needed(math.nan, 0.02, ALPHA) is None


def test_underpowered_rows_say_how_many_samples_would_do() -> None:
    noisy = [SampleEpochs(f"s{i}", (0.5,), (0.5 + (0.3 if i % 2 else -0.3),)) for i in range(10)]
    gated = apply_gate([compare_metric(noisy, GateSettings())], ALPHA)[0]
    assert gated.verdict is Verdict.INCONCLUSIVE and gated.underpowered
    assert gated.samples_needed is not None and gated.samples_needed > 10
