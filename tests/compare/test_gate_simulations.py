"""A/A and power simulations through the gate the report uses (compare_metric + apply_gate):
the exact sign-flip path at small n, McNemar for single-epoch 0/1 data, the t path above
20 samples. Seeded; replicate counts are sized for seconds, not for precision (at 200
replicates a 5% rate has a Monte Carlo sd of 1.5 points), so the bounds hold with margin."""

from __future__ import annotations

import numpy as np
import pytest

from archbench.core.registry import DEFAULT_DELTA_BINARY, DEFAULT_DELTA_CONTINUOUS
from archbench.core.stats import GateSettings, SampleEpochs, Verdict, apply_gate, compare_metric

from .simulation import Scenario, simulate_epoch_scores

ALPHA = 0.05


def _regressions(scenario: Scenario, seed: int, delta: float | None = None) -> np.ndarray:
    """(simulations, metrics) booleans: the row's verdict is REGRESSION (Holm over all rows);
    ``delta`` None uses the registry's default margins (binary vs continuous)."""
    base, candidate = simulate_epoch_scores(scenario, seed)
    flagged = np.zeros((scenario.simulations, len(scenario.binary_metrics)), dtype=bool)
    for sim in range(scenario.simulations):
        rows = [
            compare_metric(
                [
                    SampleEpochs(f"s{i}", tuple(base[sim, m, i]), tuple(candidate[sim, m, i]))
                    for i in range(scenario.samples)
                ],
                GateSettings(),
                _margin(binary) if delta is None else delta,
                bounded=True,
            )
            for m, binary in enumerate(scenario.binary_metrics)
        ]
        flagged[sim] = [g.verdict is Verdict.REGRESSION for g in apply_gate(rows, ALPHA)]
    return flagged


def _margin(binary: bool) -> float:
    return DEFAULT_DELTA_BINARY if binary else DEFAULT_DELTA_CONTINUOUS


@pytest.mark.parametrize(
    "scenario",
    [
        Scenario(simulations=200, samples=12, epochs=1),  # exact sign flips, McNemar
        Scenario(simulations=200, samples=20, epochs=1, binary_metrics=(True,) * 4),
        Scenario(simulations=200, samples=60, epochs=3),  # paired t
    ],
    ids=["n12-exact", "n20-binary-mcnemar", "n60-t"],
)
def test_identical_versions_at_zero_margin_stay_under_alpha_per_row_and_report(
    scenario: Scenario,
) -> None:
    flagged = _regressions(scenario, seed=21, delta=0.0)
    assert flagged.mean(axis=0).max() <= ALPHA  # per row
    assert flagged.any(axis=1).mean() <= ALPHA  # per report (Holm across the rows)


def test_identical_versions_at_the_default_margins_are_almost_never_flagged() -> None:
    flagged = _regressions(Scenario(simulations=200, samples=30, epochs=1), seed=22)
    assert flagged.any(axis=1).mean() <= 0.01


def test_a_drop_three_times_the_continuous_margin_is_caught_at_least_80_percent() -> None:
    scenario = Scenario(simulations=200, samples=60, epochs=3, candidate_shift=(-0.15, 0, 0, 0))
    flagged = _regressions(scenario, seed=23)
    assert flagged[:, 0].mean() >= 0.80
    assert flagged[:, 1:].any(axis=1).mean() <= ALPHA  # the untouched rows stay quiet
