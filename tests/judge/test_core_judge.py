"""Pure judge logic: verdicts fail closed, majorities, kappa against hand computation."""

from __future__ import annotations

import math

import pytest

from archbench.core.judge import (
    GRADER_FAILED,
    CriterionResult,
    JudgeSubject,
    build_prompt,
    build_retry_prompt,
    combine_votes,
    grade_dimension,
)
from archbench.core.judge_agreement import (
    ValidationPolicy,
    agreement_rate,
    check_criterion,
    cohen_kappa,
    confusion,
)
from archbench.core.judge_rubric import (
    Criterion,
    Rubric,
    criterion_family,
    rubric_hash,
)
from archbench.core.judge_verdict import Verdict, VerdictFailure, parse_verdict

CRITERION = "sa-behaviour"
VALID = '{"criterion": "sa-behaviour", "met": true, "reason": "matches the reference"}'


def rubric(*ids: str, judges: int = 1) -> Rubric:
    return Rubric(
        dimension="spec_adherence",
        version=1,
        score_key="judge_spec_adherence",
        applies_to=["implement"],
        description="d",
        judges=judges,
        criteria=[Criterion(id=i, question=f"q {i}?", guidance="g") for i in ids],
    )


# --- parsing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        VALID,
        f"Here is my verdict:\n```json\n{VALID}\n```\nThanks.",
        f"{VALID}\n\nextra prose after the object",
        '{"criterion": "sa-behaviour", "met": true, "reason": "ok", "confidence": 0.9}',
    ],
)
def test_valid_verdicts_parse(text: str) -> None:
    verdict = parse_verdict(text, CRITERION)
    assert isinstance(verdict, Verdict) and verdict.met is True and verdict.reason


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("", "empty"),
        ("The answer looks good to me.", "unparseable"),
        ('{"criterion": "sa-behaviour", "met": tr', "unparseable"),  # truncated
        ("[true]", "unparseable"),
        ('{"criterion": "sa-behaviour", "met": true}', "partial"),  # no reason
        ('{"criterion": "sa-behaviour", "met": "yes", "reason": "r"}', "partial"),  # not a bool
        ("I can't help with grading this content.", "refused"),
        ('{"criterion": "sa-interface", "met": false, "reason": "r"}', "wrong_criterion"),
    ],
)
def test_unusable_replies_are_failures_keeping_the_raw_text(text: str, kind: str) -> None:
    failure = parse_verdict(text, CRITERION)
    assert isinstance(failure, VerdictFailure)
    assert failure.kind == kind and failure.raw == text and failure.detail


def test_provider_refusal_wins_over_content() -> None:
    failure = parse_verdict(VALID, CRITERION, refused=True)
    assert isinstance(failure, VerdictFailure) and failure.kind == "refused"


def test_prompt_states_the_criterion_reference_and_answer() -> None:
    criterion = Criterion(id=CRITERION, question="Does it work?", guidance="Trace it.")
    subject = JudgeSubject("build X", "def x(): ...", "def x(): return 1", "gold solution")
    prompt = build_prompt(criterion, subject)
    for part in (
        "## Criterion sa-behaviour",
        "Does it work?",
        "build X",
        "return 1",
        "gold solution",
    ):
        assert part in prompt
    assert prompt.index("<reference>") < prompt.index("<answer>")
    failure = VerdictFailure("partial", "met: missing", "{}")
    assert "met: missing" in build_retry_prompt(failure, CRITERION)


# --- majorities --------------------------------------------------------------------------------


def verdict(met: bool, reason: str = "r") -> Verdict:
    return Verdict(criterion=CRITERION, met=met, reason=reason)


FAILED = VerdictFailure("unparseable", "no JSON", "garbage")


@pytest.mark.parametrize(
    ("outcomes", "status", "reason"),
    [
        ([verdict(True)], "met", None),
        ([verdict(False)], "not_met", None),
        ([FAILED], "unscored", GRADER_FAILED),
        ([verdict(True), verdict(False), verdict(True)], "met", None),
        ([verdict(False), FAILED, verdict(False)], "not_met", None),
        ([verdict(True), FAILED, verdict(False)], "unscored", GRADER_FAILED),
        ([verdict(True), FAILED, FAILED], "unscored", GRADER_FAILED),
        ([verdict(True), verdict(False)], "unscored", "judges_tied"),
    ],
)
def test_majority_of_all_requested_verdicts(
    outcomes: list[Verdict | VerdictFailure], status: str, reason: str | None
) -> None:
    result = combine_votes(CRITERION, outcomes)
    assert (result.status, result.unscored_reason) == (status, reason)


def test_reasons_come_from_the_winning_side() -> None:
    result = combine_votes(CRITERION, [verdict(True, "yes"), verdict(False, "no"), verdict(True)])
    assert result.reasons == ("yes", "r") and result.disagrees


def test_dimension_is_the_share_met_and_unscored_if_any_criterion_is() -> None:
    two = rubric("a", "b")
    met = CriterionResult("a", "met", (True,), ("r",), ())
    not_met = CriterionResult("b", "not_met", (False,), ("r",), ())
    failed = CriterionResult("b", "unscored", (), (), (FAILED,), GRADER_FAILED)
    assert grade_dimension(two, [met, not_met]).score == 0.5
    partial = grade_dimension(two, [met, failed])
    assert partial.score is None and partial.unscored_reason == GRADER_FAILED
    assert "UNSCORED" in partial.explanation() and "no JSON" in partial.explanation()


def test_disagreement_rate_counts_criteria_with_split_votes() -> None:
    split = CriterionResult("a", "met", (True, True, False), ("r",), ())
    unanimous = CriterionResult("b", "met", (True, True, True), ("r",), ())
    result = grade_dimension(rubric("a", "b", judges=3), [split, unanimous])
    assert result.disagreement_rate == 0.5
    single = grade_dimension(rubric("a"), [CriterionResult("a", "met", (True,), ("r",), ())])
    assert single.disagreement_rate is None


def test_rubric_validation_and_hash() -> None:
    base = rubric("a", "b")
    assert rubric_hash(base) == rubric_hash(rubric("a", "b"))
    assert rubric_hash(base) != rubric_hash(rubric("a", "c"))
    with pytest.raises(ValueError, match="duplicate"):
        rubric("a", "a")
    with pytest.raises(ValueError, match="odd"):
        rubric("a", judges=2)


# --- agreement ---------------------------------------------------------------------------------


def test_kappa_matches_hand_computation() -> None:
    # 10 items: labels 6 met / 4 not; judge agrees on 5 met and 3 not met.
    labels = [True] * 6 + [False] * 4
    judged = [True] * 5 + [False] + [False] * 3 + [True]
    # p_o = 8/10; p_e = 0.6*0.6 + 0.4*0.4 = 0.52; kappa = (0.8 - 0.52) / 0.48 = 0.58333
    assert cohen_kappa(labels, judged) == pytest.approx(0.28 / 0.48)
    table = confusion(labels, judged)
    cells = (table.true_met, table.false_not_met, table.false_met, table.true_not_met)
    assert cells == (5, 1, 1, 3)


def test_kappa_extremes() -> None:
    labels = [True, True, False, False]
    assert cohen_kappa(labels, labels) == pytest.approx(1.0)
    assert cohen_kappa(labels, [not x for x in labels]) == pytest.approx(-1.0)
    # a judge that always says "met": p_o = 0.5, p_e = 0.5 -> kappa 0, whatever its accuracy
    assert cohen_kappa(labels, [True] * 4) == pytest.approx(0.0)
    assert cohen_kappa([True] * 3, [True] * 3) is None  # one class on both sides: undefined
    assert cohen_kappa([], []) is None
    with pytest.raises(ValueError, match="length"):
        cohen_kappa([True], [])


def test_agreement_rate() -> None:
    assert agreement_rate([True, False, True, True], [True, True, True, False]) == 0.5
    assert agreement_rate([], []) is None


def test_check_criterion_applies_the_policy() -> None:
    policy = ValidationPolicy()
    labels = [True] * 8 + [False] * 4
    perfect = check_criterion("c", labels, list(labels), list(labels), policy)
    assert perfect.passed and perfect.kappa == pytest.approx(1.0) and perfect.retest_agreement == 1
    always_met = check_criterion("c", labels, [True] * 12, [True] * 12, policy)
    assert not always_met.passed and any("kappa" in p for p in always_met.problems)
    flaky_second = [not x if i % 3 == 0 else x for i, x in enumerate(labels)]
    flaky = check_criterion("c", labels, list(labels), flaky_second, policy)
    assert not flaky.passed and any("retest" in p for p in flaky.problems)


def test_unscored_verdicts_leave_kappa_and_count_against_the_judge() -> None:
    labels = [True] * 8 + [False] * 4
    first: list[bool | None] = [None, None, *labels[2:]]
    result = check_criterion("c", labels, first, first, ValidationPolicy())
    assert result.unscored == 2 and result.table.total == 10
    assert result.kappa is not None and math.isclose(result.kappa, 1.0)
    assert any("unscored" in p for p in result.problems)


def test_too_few_labels_fail_validation() -> None:
    labels = [True] * 9 + [False] * 2
    result = check_criterion("c", labels, list(labels), list(labels), ValidationPolicy())
    assert not result.passed and any("too few" in p for p in result.problems)


# --- point-by-point criteria -------------------------------------------------------------------


def per_item_rubric() -> Rubric:
    template = {"label": "key points", "question": "recommends {item}?", "guidance": "g"}
    return Rubric.model_validate(
        {
            "dimension": "design",
            "version": 2,
            "score_key": "judge_design",
            "applies_to": ["design"],
            "description": "d",
            "judges": 1,
            "per_item": [
                {"id": "design-key-point", "each": "key_points", **template},
                {**template, "id": "design-trap", "each": "traps", "label": "traps"},
            ],
        }
    )


def decided(criterion: str, met: bool) -> CriterionResult:
    return combine_votes(criterion, [Verdict(criterion=criterion, met=met, reason="r")])


def test_five_of_eight_criteria_met_scores_0_625_with_a_summary_per_family() -> None:
    rubric = per_item_rubric()
    checklist = {"key_points": tuple("abcdef"), "traps": ("x", "y")}
    criteria = rubric.criteria_for(checklist)
    assert [criterion_family(c.id) for c in criteria] == ["design-key-point"] * 6 + [
        "design-trap"
    ] * 2
    met = {"design-key-point-2": False, "design-key-point-5": False, "design-trap-1": False}
    results = [decided(c.id, met.get(c.id, True)) for c in criteria]
    grade = grade_dimension(rubric, results)
    assert grade.score == 0.625
    assert grade.detail == (
        "4/6 key points, 1/2 traps; missed design-key-point-2, design-key-point-5, design-trap-1"
    )
    assert grade.explanation().startswith("design: 0.62 - 4/6 key points, 1/2 traps")


def test_one_failed_criterion_of_eight_leaves_the_answer_unscored() -> None:
    rubric = per_item_rubric()
    criteria = rubric.criteria_for({"key_points": tuple("abcdef"), "traps": ("x", "y")})
    failure = VerdictFailure("unparseable", "no JSON", "??")
    results = [decided(c.id, True) for c in criteria[1:]]
    results.insert(0, combine_votes(criteria[0].id, [failure]))
    grade = grade_dimension(rubric, results)
    assert grade.score is None and grade.unscored_reason == GRADER_FAILED
    assert grade.detail == "1 of 8 criteria without a majority verdict"


def test_fixed_criteria_keep_their_ids_as_families() -> None:
    assert criterion_family("sa-behaviour") == "sa-behaviour"
    assert criterion_family("design-trap-12") == "design-trap"
    grade = grade_dimension(rubric("a", "b"), [decided("a", True), decided("b", False)])
    assert grade.score == 0.5 and grade.detail == "1/2 criteria; missed b"
