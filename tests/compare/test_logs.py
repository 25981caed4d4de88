"""Tests of log-contract helpers: agent references and score flattening."""

from __future__ import annotations

import math

import pytest
from inspect_ai.scorer import Score

from archbench.compare._errors import CompareInputError
from archbench.compare._logs import flatten_scores, parse_agent_ref, score_to_float
from archbench.core.agent_ref import AgentRef


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pba@v2", AgentRef("pba", "v2")),
        ("reference", AgentRef("reference", None)),
        ("null@anything", AgentRef("null", None)),
    ],
)
def test_parse_agent_ref(text: str, expected: AgentRef) -> None:
    assert parse_agent_ref(text) == expected


@pytest.mark.parametrize("text", ["pba", "pba@", "@v1"])
def test_parse_agent_ref_rejects_incomplete_references(text: str) -> None:
    with pytest.raises(CompareInputError, match="name@version"):
        parse_agent_ref(text)


def test_control_references_match_only_unversioned_controls() -> None:
    assert AgentRef("null", None).matches({"agent": "null", "agent_version": None})
    assert AgentRef("null", None).matches({"agent": None, "agent_version": None})
    assert not AgentRef("null", None).matches({"agent": "null", "agent_version": "v1"})
    assert not AgentRef("reference", None).matches({"agent": "null", "agent_version": None})
    assert AgentRef("pba", "v1").matches({"agent": "pba", "agent_version": "v1"})
    assert not AgentRef("pba", "v1").matches({"agent": "pba", "agent_version": "v2"})


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, 1.0), (0.25, 0.25), (True, 1.0), ("C", 1.0), ("I", 0.0), ("P", 0.5), ("maybe", None)],
)
def test_score_to_float(value: object, expected: float | None) -> None:
    assert score_to_float(value) == expected


def test_flatten_scores_keeps_unscored_apart() -> None:
    scores = {
        "code_task_grader": Score(value={"spec_adherence": 0.5, "modularity": None}),
        "judge": Score(value=math.nan),
        "bug_detection": Score(value=1.0),
    }
    assert flatten_scores(scores) == {
        "spec_adherence": 0.5,
        "modularity": None,
        "judge": None,
        "bug_detection": 1.0,
    }
    assert flatten_scores(None) == {}
