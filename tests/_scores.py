"""Typed access to the dict-valued scores archbench's scorers record, for tests reading logs."""

from __future__ import annotations

from inspect_ai.log import EvalSample
from inspect_ai.scorer import Score


def only_score(sample: EvalSample) -> Score:
    """The sample's one score (archbench's tasks each have one scorer)."""
    [score] = (sample.scores or {}).values()
    return score


def values_of(score: Score) -> dict[str, float]:
    """The score's metric values; fails the test if the scorer recorded a non-dict value."""
    assert isinstance(score.value, dict), f"not a dict-valued score: {score.value!r}"
    return {key: float(value) for key, value in score.value.items() if value is not None}


def score_values(sample: EvalSample) -> dict[str, float]:
    return values_of(only_score(sample))
