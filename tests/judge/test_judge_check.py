"""`archbench judge-check` on offline judges: the calibration set, kappa, retest, saved results."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import ClassVar

import pytest
from inspect_ai.model import ChatMessage, GenerateConfig, ModelOutput, modelapi
from inspect_ai.tool import ToolChoice, ToolInfo

from archbench.cli import main
from archbench.commands.judge_check import calibration_items
from archbench.core.judge_calibration import CalibrationItem, label_counts, select_items
from archbench.evalkit._judge_rubrics import check_file, judge_rubrics

from .conftest import (
    CountingJudge,
    all_met,
    offline_grader,
    only_sample,
    only_score,
    run_design,
    verdict_json,
    write_script,
)

KEY_POINT, TRAP = "design-key-point", "design-trap"
MISSED_HAND_REVIEW = "No issues found."


@pytest.fixture(scope="module")
def items() -> list[CalibrationItem]:
    return calibration_items()


def test_calibration_set_is_large_and_every_criterion_has_both_labels(
    items: list[CalibrationItem],
) -> None:
    assert len(items) >= 60
    counts = label_counts(items)
    every_criterion = {family for rubric in judge_rubrics().values() for family in rubric.families}
    assert set(counts) == every_criterion
    for criterion, (met, not_met) in counts.items():
        assert met >= 6 and not_met >= 6, criterion
    assert all(item.labels and item.dimension in judge_rubrics() for item in items)
    assert len({item.id for item in items}) == len(items)


def test_labels_follow_the_ground_truth(items: list[CalibrationItem]) -> None:
    by_id = {item.id: item for item in items}
    assert by_id["minimality/circuit-breaker/bloated"].labels == {
        "min-no-extras": False,
        "min-no-dead-code": False,
    }
    assert by_id["modularity/circuit-breaker/fragmented"].labels == {"mod-granularity": False}
    assert by_id["spec_adherence/circuit-breaker/bloated"].labels["sa-behaviour"] is True
    mutant = next(i for i in items if i.id.startswith("spec_adherence/circuit-breaker/mutant-"))
    assert mutant.labels == {"sa-behaviour": False, "sa-interface": True}
    reference = by_id["spec_adherence/circuit-breaker/reference"]
    assert mutant.subject.reference == reference.subject.reference
    assert mutant.subject.answer != reference.subject.answer  # the seeded bug is in the answer
    renamed = by_id["spec_adherence/circuit-breaker/renamed"].subject.answer
    assert "circuit_breaker_impl.py" in renamed


def test_no_answer_is_labelled_both_ways(items: list[CalibrationItem]) -> None:
    seen: dict[tuple[str, str, str], bool] = {}
    for item in items:
        for criterion, met in item.labels.items():
            key = (criterion, item.subject.reference, item.subject.answer)
            assert seen.setdefault(key, met) == met, f"{item.id}: contradicts another item"


def test_limit_keeps_every_label_pattern(items: list[CalibrationItem]) -> None:
    chosen = select_items(items, per_dimension=20)
    per_dimension = Counter(item.dimension for item in chosen)
    assert set(per_dimension) == set(judge_rubrics()) and max(per_dimension.values()) == 20
    counts = label_counts(chosen)
    assert all(met > 0 and not_met > 0 for met, not_met in counts.values())


def expected_kappa(labels: list[bool], predictions: list[bool]) -> float:
    n = len(labels)
    agree = sum(a == b for a, b in zip(labels, predictions, strict=True)) / n
    label_rate, predicted_rate = sum(labels) / n, sum(predictions) / n
    chance = label_rate * predicted_rate + (1 - label_rate) * (1 - predicted_rate)
    return (agree - chance) / (1 - chance)


def test_judge_check_on_a_lenient_judge_computes_kappa_per_family_and_saves_the_result(
    tmp_path: Path, items: list[CalibrationItem], capsys: pytest.CaptureFixture[str]
) -> None:
    """A judge that credits every key point (except on an empty review) and knows the traps:
    the pooled key-point family fails validation, the trap family passes."""
    design = [i for i in items if i.dimension == "design"]
    set_oracle_labels(items)
    LenientJudge.calls = 0
    out = tmp_path / "report.json"
    grader = ["--grader-model", "lenientjudge/scripted"]
    exit_code = main(["judge-check", *grader, "--dimension", "design", "--out", str(out)])
    assert exit_code == 1  # the key-point judge is wrong on many items: not validated
    [report] = json.loads(out.read_text())
    checks = {c["criterion"]: c for c in report["criteria"]}
    assert set(checks) == {KEY_POINT, TRAP}
    rows = [(i, c) for i in design for c in sorted(i.labels) if c.startswith(f"{KEY_POINT}-")]
    labels = [i.labels[c] for i, c in rows]
    predictions = [MISSED_HAND_REVIEW not in i.subject.answer for i, _ in rows]
    assert checks[KEY_POINT]["items"] == len(rows) > 200  # every key point of every answer
    assert checks[KEY_POINT]["kappa"] == pytest.approx(expected_kappa(labels, predictions))
    assert checks[KEY_POINT]["kappa"] < 0.6 and not checks[KEY_POINT]["passed"]
    table = checks[KEY_POINT]["table"]
    pairs = list(zip(predictions, labels, strict=True))
    assert table["true_not_met"] == sum(not p and not t for p, t in pairs)
    assert table["false_met"] == sum(p and not t for p, t in pairs)
    assert checks[TRAP]["kappa"] == pytest.approx(1.0) and checks[TRAP]["passed"]
    assert checks[TRAP]["retest_agreement"] == 1.0
    labelled = sum(len(i.labels) for i in design)
    assert LenientJudge.calls == 2 * 3 * labelled  # two runs of three repeats, none cached away
    saved = check_file("lenientjudge/scripted", judge_rubrics()["design"])
    assert json.loads(saved.read_text())["passed"] is False
    assert "UNVALIDATED" in capsys.readouterr().out


class OracleJudge(CountingJudge):
    """A judge that knows the labels (by the answer it is shown): what a perfect judge would say."""

    labels: ClassVar[dict[tuple[str, str, str], bool]] = {}

    async def generate(
        self,
        input: list[ChatMessage],
        tools: list[ToolInfo],
        tool_choice: ToolChoice,
        config: GenerateConfig,
    ) -> ModelOutput:
        type(self).calls += 1
        prompt = input[-1].text
        criterion = re.search(r"## Criterion (\S+)", prompt)
        reference = re.search(r"<reference>\n(.*)\n</reference>", prompt, re.DOTALL)
        answer = re.search(r"<answer>\n(.*)\n</answer>", prompt, re.DOTALL)
        assert criterion and reference and answer
        key = (criterion.group(1), reference.group(1), answer.group(1))
        met = self.lookup(key)
        return ModelOutput.from_content("oracle", verdict_json(criterion.group(1), met))

    def lookup(self, key: tuple[str, str, str]) -> bool:
        return self.labels[key]


@modelapi(name="oraclejudge")
def oracle_judge() -> type[OracleJudge]:
    return OracleJudge


def set_oracle_labels(items: list[CalibrationItem]) -> None:
    OracleJudge.labels = {
        (criterion, item.subject.reference.strip(), item.subject.answer.strip()): met
        for item in items
        for criterion, met in item.labels.items()
    }


class LenientJudge(OracleJudge):
    """Right about traps; says every key point is met unless the answer reports nothing."""

    def lookup(self, key: tuple[str, str, str]) -> bool:
        if key[0].startswith(f"{KEY_POINT}-"):
            return MISSED_HAND_REVIEW not in key[2]
        return self.labels[key]


@modelapi(name="lenientjudge")
def lenient_judge() -> type[LenientJudge]:
    return LenientJudge


def test_a_judge_that_passes_is_saved_as_validated_and_its_scores_say_so(
    tmp_path: Path, items: list[CalibrationItem]
) -> None:
    set_oracle_labels(items)
    exit_code = main(["judge-check", "--grader-model", "oraclejudge/perfect", "--limit", "40"])
    assert exit_code == 0
    saved = json.loads(check_file("oraclejudge/perfect", judge_rubrics()["design"]).read_text())
    assert saved["passed"] is True and saved["judge_model"] == "oraclejudge/perfect"
    assert all(c["kappa"] == pytest.approx(1.0) for c in saved["criteria"])
    # The validation is per judge model: the offline judge's scores stay unvalidated.
    grader = offline_grader(write_script(tmp_path, all_met()))
    score = only_score(only_sample(run_design(tmp_path, grader)))
    assert score.metadata and score.metadata["judge"]["design"]["validation"] == "unvalidated"


def test_judge_check_needs_a_judge() -> None:
    assert main(["judge-check"]) == 2
    assert main(["judge-check", "--model-role", "critic=archbench/offline"]) == 2
