"""The power planner (#20 item 5) against seeded simulations of the gate's own paired t test."""

from __future__ import annotations

import math

import numpy as np
import pytest

from archbench.core.stats import paired_t_test
from archbench.core.stats._power import (
    PowerTarget,
    VarianceComponents,
    assumed_components,
    detectable_drop,
    epochs_for,
    estimate_components,
    power_at,
    rate_components,
    samples_for,
)

REPLICATES = 4000


def simulated_power(
    components: VarianceComponents, n: int, epochs: int, target: PowerTarget, seed: int
) -> float:
    """Share of simulated comparisons the gate's test flags at Holm's first-step level, for
    samples whose true differences centre on ``-drop`` with epoch noise on both sides."""
    rng = np.random.default_rng(seed)
    shape = (REPLICATES, n)
    true = rng.normal(-target.drop, math.sqrt(components.between), shape)
    noise_a = rng.normal(0, math.sqrt(components.within_base), (*shape, epochs)).mean(-1)
    noise_b = rng.normal(0, math.sqrt(components.within_candidate), (*shape, epochs)).mean(-1)
    test = paired_t_test(true + noise_b - noise_a, target.delta, target.level)
    return float(np.mean(test.p_value < target.level))


@pytest.mark.parametrize(
    ("components", "epochs", "target"),
    [
        (assumed_components(0.30, 0.5), 1, PowerTarget(0.10, 0.02, 0.05, family=6)),
        (assumed_components(0.30, 0.8), 3, PowerTarget(0.10, 0.02, 0.05, family=6)),
        (VarianceComponents(0.02, 0.05, 0.05), 2, PowerTarget(0.15, 0.05, 0.05, family=1)),
    ],
)
def test_the_planned_sample_size_reaches_80_percent_power(
    components: VarianceComponents, epochs: int, target: PowerTarget
) -> None:
    n = samples_for(components.sd(epochs), target)
    assert n is not None
    achieved = simulated_power(components, n, epochs, target, seed=n)
    # 4,000 replicates: standard error 0.006 around 0.80.
    assert 0.77 <= achieved <= 0.84, (n, achieved)
    # One sample fewer than planned must not already be comfortably powered.
    assert simulated_power(components, max(2, n // 2), epochs, target, seed=n + 1) < 0.7


def test_power_at_matches_the_simulation_away_from_the_plan() -> None:
    components, target = VarianceComponents(0.01, 0.04, 0.04), PowerTarget(0.12, 0.02, 0.05, 4)
    for n, epochs in ((20, 1), (40, 3)):
        predicted = power_at(components.sd(epochs), n, target)
        achieved = simulated_power(components, n, epochs, target, seed=n * epochs)
        assert abs(predicted - achieved) < 0.04, (n, epochs, predicted, achieved)


def test_more_epochs_help_only_when_epoch_noise_dominates() -> None:
    target = PowerTarget(0.10, 0.02, 0.05, family=6)
    noisy = VarianceComponents(between=0.001, within_base=0.04, within_candidate=0.04)
    stable = VarianceComponents(between=0.08, within_base=0.0, within_candidate=0.0)
    assert epochs_for(noisy, 60, target) == 3
    assert epochs_for(stable, 60, target) is None  # no number of epochs: more samples instead
    assert detectable_drop(stable.sd(1), 60, target) == detectable_drop(stable.sd(9), 60, target)


def test_a_drop_within_the_margin_cannot_be_planned_for() -> None:
    assert samples_for(0.3, PowerTarget(drop=0.10, delta=0.10, alpha=0.05)) is None
    assert detectable_drop(0.3, 1, PowerTarget(0.1, 0.0, 0.05)) == math.inf


def test_components_are_recovered_from_observed_epochs() -> None:
    rng = np.random.default_rng(7)
    n, epochs = 4000, 3
    true = rng.normal(0, 0.2, n)  # omega^2 = 0.04
    base = [list(rng.normal(0.0, 0.3, epochs)) for _ in range(n)]  # sigma_A^2 = 0.09
    candidate = [list(t + rng.normal(0.0, 0.3, epochs)) for t in true]
    found = estimate_components(base, candidate)
    assert found.within_known
    assert found.between == pytest.approx(0.04, abs=0.01)
    assert found.within_base == pytest.approx(0.09, abs=0.01)


def test_single_epoch_logs_put_all_variance_between_samples() -> None:
    found = estimate_components([[1.0], [0.0], [1.0]], [[0.0], [0.0], [1.0]])
    assert not found.within_known
    assert found.within_base == found.within_candidate == 0.0
    assert found.between == pytest.approx(np.var([-1.0, 0.0, 0.0], ddof=1))


def test_a_binary_rate_gives_the_bernoulli_variance() -> None:
    assert rate_components(0.8, 0.5).sd(1) == pytest.approx(math.sqrt(2 * 0.8 * 0.2))
