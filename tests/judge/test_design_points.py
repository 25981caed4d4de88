"""The 15 design questions, judged point by point: dataset shape, calibration labels, gaming."""

from __future__ import annotations

import functools
from pathlib import Path

import anyio
import pytest

from archbench.commands.judge_check import read_design_answers
from archbench.core.dataset import DesignTaskSpec, TaskRecord
from archbench.core.design_calibration import BUZZWORDS_HEADING, gaming_answer
from archbench.core.harness import build_user_message
from archbench.core.judge import subject_for
from archbench.evalkit._judge import JudgeRequest, JudgeSettings, judge_dimension
from archbench.evalkit._judge_rubrics import judge_rubrics
from archbench.io.datasets import load_kind

from .conftest import offline_grader, rule, verdict_json, write_script

WRONG_PREMISE = "wrong-premise"


@pytest.fixture(scope="module")
def designs() -> list[TaskRecord]:
    return load_kind("design").records


def spec_of(record: TaskRecord) -> DesignTaskSpec:
    assert isinstance(record.spec, DesignTaskSpec)
    return record.spec


def test_fifteen_questions_with_four_to_seven_points_and_two_to_four_traps(
    designs: list[TaskRecord],
) -> None:
    assert len(designs) >= 15
    for record in designs:
        spec = spec_of(record)
        assert 4 <= len(spec.key_points) <= 7 and 2 <= len(spec.traps) <= 4, record.id
        assert record.gold["answer.md"].strip(), record.id


def test_wrong_premise_questions_have_a_pushback_point_and_an_answer_that_accepts_it(
    designs: list[TaskRecord],
) -> None:
    planted = [r for r in designs if WRONG_PREMISE in spec_of(r).tags]
    assert len(planted) >= 3
    for record in planted:
        assert spec_of(record).key_points[0].startswith("pushes back on"), record.id
        answers = {answer.name: answer for answer in read_design_answers(record)}
        accepts = answers["accepts-premise"].labels
        assert accepts["design-key-point-1"] is False and False in {
            met for criterion, met in accepts.items() if criterion.startswith("design-trap-")
        }


def test_every_new_question_has_hand_labelled_answers_with_both_labels(
    designs: list[TaskRecord],
) -> None:
    labelled = {r.id: read_design_answers(r) for r in designs}
    with_answers = [task for task, answers in labelled.items() if answers]
    assert len(with_answers) >= 9
    for task in with_answers:
        labels = [met for answer in labelled[task] for met in answer.labels.values()]
        assert True in labels and False in labels, task


async def judge(tmp_path: Path, record: TaskRecord, answer: str) -> float | None:
    """judge_design from a scripted judge that follows the rubric's guidance on answers that
    design nothing (empty, the question copied, a list of terms), and credits anything else."""
    criteria = judge_rubrics()["design"].criteria_for(subject_for(record, "", "").checklist)
    markers = ["<answer>\n\n</answer>", f"<answer>\n{BUZZWORDS_HEADING}",
               f"<answer>\n{record.request.strip()[:80]}"]  # fmt: skip
    rules = [
        {"when": [marker, f"## Criterion {c.id}\n"], "reply": verdict_json(c.id, False)}
        for marker in markers
        for c in criteria
    ]
    rules += [rule(c.id, verdict_json(c.id, True)) for c in criteria]
    grader = offline_grader(write_script(tmp_path, rules))
    subject = subject_for(record, build_user_message(record), answer)
    request = JudgeRequest(judge_rubrics()["design"], subject)
    result = await judge_dimension(grader, request, JudgeSettings(cache=False))
    return result.score


@pytest.mark.parametrize("gaming", ["empty", "question-copy", "buzzwords"])
def test_the_cheapest_gaming_answers_score_zero_with_a_judge_that_follows_the_guidance(
    tmp_path: Path, designs: list[TaskRecord], gaming: str
) -> None:
    [record] = [r for r in designs if r.id == "kafka-for-low-volume-events"]
    answer = gaming_answer(gaming, record)
    score = anyio.run(functools.partial(judge, tmp_path, record, answer))
    assert score == 0.0
    # The same judge gives the gold answer every point: the script is not simply saying no.
    gold = anyio.run(functools.partial(judge, tmp_path, record, record.gold["answer.md"]))
    assert gold == 1.0
