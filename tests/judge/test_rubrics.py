"""The packaged judge rubrics load, cover the four dimensions, and reject malformed YAML."""

from __future__ import annotations

import pytest

from archbench.core.judge import RubricError
from archbench.evalkit._judge_rubrics import judge_keys, judge_rubrics, parse_rubric

MINIMAL = """\
dimension: design
version: 1
score_key: judge_design
applies_to: [design]
judges: 1
description: d
criteria:
  - {id: c1, question: 'q?', guidance: g}
"""


def test_four_dimensions_with_binary_criteria() -> None:
    rubrics = judge_rubrics()
    assert set(rubrics) == {"spec_adherence", "modularity", "minimality", "design"}
    for rubric in rubrics.values():
        assert len(rubric.criteria) >= 2 and rubric.judges % 2 == 1
        assert all(c.question.rstrip().endswith("?") for c in rubric.criteria)


def test_score_keys_per_kind() -> None:
    code_keys = {"judge_spec_adherence", "judge_modularity", "judge_minimality"}
    assert set(judge_keys("implement")) == set(judge_keys("refactor")) == code_keys
    assert judge_keys("design") == ("judge_design",)
    assert judge_keys("review") == ()


def test_parse_rubric_accepts_a_minimal_rubric() -> None:
    assert parse_rubric(MINIMAL, "design.yaml").criteria[0].id == "c1"


@pytest.mark.parametrize(
    ("text", "source", "message"),
    [
        (MINIMAL, "other.yaml", "file name"),
        (MINIMAL.replace("judges: 1", "judges: 2"), "design.yaml", "odd"),
        (
            MINIMAL.replace("score_key: judge_design", "score_key: design"),
            "design.yaml",
            "score_key",
        ),
        (MINIMAL + "  - {id: c1, question: 'q?', guidance: g}\n", "design.yaml", "duplicate"),
        ("dimension: [", "design.yaml", "YAML syntax"),
    ],
)
def test_malformed_rubrics_name_the_problem(text: str, source: str, message: str) -> None:
    with pytest.raises(RubricError, match=message):
        parse_rubric(text, source)
