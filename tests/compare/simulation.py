"""Simulated comparisons of two prompt versions, vectorised over (simulation, metric, sample).

Data-generating process (per metric): each sample has a latent quality ``q_i ~ Beta(5, 3)``;
each version adds its own per-sample effect ``u_iv ~ N(0, interaction_sd^2)`` (a reworded prompt
helps some samples and hurts others even when its average quality is unchanged) and an optional
mean ``shift``. Continuous metrics add epoch noise ``N(0, epoch_sd^2)`` and clip to [0, 1];
binary metrics draw each epoch as ``Bernoulli(clip(q + u + shift))``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from archbench.core.stats import FloatArray


@dataclass(frozen=True)
class Scenario:
    simulations: int = 1000
    samples: int = 60
    epochs: int = 3
    binary_metrics: tuple[bool, ...] = (False, False, False, True)
    interaction_sd: float = 0.08
    epoch_sd: float = 0.15
    candidate_shift: tuple[float, ...] = (0.0, 0.0, 0.0, 0.0)


def simulate_epoch_scores(scenario: Scenario, seed: int) -> tuple[FloatArray, FloatArray]:
    """Return (base, candidate) scores shaped (simulations, metrics, samples, epochs)."""
    rng = np.random.default_rng(seed)
    metrics = len(scenario.binary_metrics)
    shape = (scenario.simulations, metrics, scenario.samples)
    quality = rng.beta(5.0, 3.0, size=shape)
    shift = np.asarray(scenario.candidate_shift, dtype=np.float64)[None, :, None]
    base = _draw_version(rng, quality, scenario, np.zeros_like(shift))
    candidate = _draw_version(rng, quality, scenario, shift)
    return base, candidate


def _draw_version(
    rng: np.random.Generator, quality: FloatArray, scenario: Scenario, shift: FloatArray
) -> FloatArray:
    effect = quality + rng.normal(0.0, scenario.interaction_sd, size=quality.shape) + shift
    mean = np.clip(effect, 0.0, 1.0)[..., None]
    shape = (*quality.shape, scenario.epochs)
    continuous = np.clip(mean + rng.normal(0.0, scenario.epoch_sd, size=shape), 0.0, 1.0)
    binary = (rng.random(shape) < mean).astype(np.float64)
    is_binary = np.asarray(scenario.binary_metrics)[None, :, None, None]
    return np.where(is_binary, binary, continuous)
