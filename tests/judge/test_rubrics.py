"""The packaged judge rubrics load, cover the four dimensions, and reject malformed YAML."""

from __future__ import annotations

import pytest

from archbench.core.judge_rubric import (
    RubricError,
)
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


MINIMAL_CRITERION = "  - {id: c1, question: 'q?', guidance: g}"
PER_ITEM = """\
per_item:
  - {id: kp, each: key_points, label: key points, question: 'covers {item}?', guidance: g}
"""


def test_parse_rubric_accepts_per_item_criteria() -> None:
    rubric = parse_rubric(MINIMAL + PER_ITEM, "design.yaml")
    assert rubric.families == ("c1", "kp")
    assert [c.id for c in rubric.criteria_for({"key_points": ("x", "y")})] == ["c1", "kp-1", "kp-2"]
    assert [c.id for c in rubric.criteria_for({})] == ["c1"]


def test_four_dimensions_with_binary_criteria() -> None:
    rubrics = judge_rubrics()
    assert set(rubrics) == {"spec_adherence", "modularity", "minimality", "design"}
    for rubric in rubrics.values():
        assert len(rubric.families) >= 2 and rubric.judges % 2 == 1
        questions = [c.question for c in rubric.criteria] + [t.question for t in rubric.per_item]
        assert all(question.rstrip().endswith("?") for question in questions)


def test_design_is_judged_point_by_point() -> None:
    design = judge_rubrics()["design"]
    assert design.version == 2 and not design.criteria
    assert [(t.id, t.each) for t in design.per_item] == [
        ("design-key-point", "key_points"),
        ("design-trap", "traps"),
    ]
    criteria = design.criteria_for({"key_points": ("an outbox {or CDC}", "b"), "traps": ("c",)})
    assert [c.id for c in criteria] == ["design-key-point-1", "design-key-point-2", "design-trap-1"]
    assert "an outbox {or CDC}" in criteria[0].question  # braces in an item are kept as written
    assert "avoids the following trap: c?" in criteria[2].question


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
        (MINIMAL.replace("id: c1,", "id: c-1,"), "design.yaml", "must not end in -<number>"),
        (MINIMAL.replace(MINIMAL_CRITERION, " []"), "design.yaml", "needs"),
        (MINIMAL + PER_ITEM.replace("{item}", "it"), "design.yaml", "must contain"),
        (MINIMAL.replace("id: c1", "id: kp") + PER_ITEM, "design.yaml", "duplicate"),
    ],
)
def test_malformed_rubrics_name_the_problem(text: str, source: str, message: str) -> None:
    with pytest.raises(RubricError, match=message):
        parse_rubric(text, source)
