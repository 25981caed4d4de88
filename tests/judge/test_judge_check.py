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
    offline_grader,
    only_sample,
    only_score,
    rule,
    run_design,
    verdict_json,
    write_script,
)

KEY_POINTS, TRAPS = "design-key-points", "design-traps"
MISSED_HAND_REVIEW = "No issues found."
TRAPS_APPENDED = "## Simplifications we recommend"


@pytest.fixture(scope="module")
def items() -> list[CalibrationItem]:
    return calibration_items()


def test_calibration_set_is_large_and_every_criterion_has_both_labels(
    items: list[CalibrationItem],
) -> None:
    assert len(items) >= 60
    counts = label_counts(items)
    every_criterion = {c.id for rubric in judge_rubrics().values() for c in rubric.criteria}
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


def _wrongly_missed(rows: list[CalibrationItem]) -> list[CalibrationItem]:
    """Every other review that found a hand-seeded bug: the scripted judge calls these 'not met',
    so its key-points verdicts are wrong on positives as well as on the mutants' negatives,
    whatever the share of hand-seeded and mutation samples in the dataset."""
    found = [i for i in rows if i.labels[KEY_POINTS] and "No issues found." not in i.subject.answer]
    hand = [i for i in found if i.id.endswith("/review-found") and _description(i) is not None]
    return hand[::2]


def _description(item: CalibrationItem) -> str | None:
    """The review itself, as the judge is shown it: unique to its sample."""
    return item.subject.answer.strip() or None


def test_judge_check_on_the_offline_judge_computes_kappa_and_saves_the_result(
    tmp_path: Path, items: list[CalibrationItem], capsys: pytest.CaptureFixture[str]
) -> None:
    design = [i for i in items if i.dimension == "design"]
    rows = [i for i in design if KEY_POINTS in i.labels]
    flipped = _wrongly_missed(rows)
    script = write_script(
        tmp_path,
        [
            {"when": MISSED_HAND_REVIEW, "reply": verdict_json(KEY_POINTS, False)},
            {"when": TRAPS_APPENDED, "reply": verdict_json(TRAPS, False)},
            *({"when": _description(i), "reply": verdict_json(KEY_POINTS, False)} for i in flipped),
            rule(KEY_POINTS, verdict_json(KEY_POINTS, True)),
            rule(TRAPS, verdict_json(TRAPS, True)),
        ],
    )
    out = tmp_path / "report.json"
    grader = ["--model-role", "grader=countingjudge/scripted", "-M", f"script={script}"]
    exit_code = main(["judge-check", *grader, "--dimension", "design", "--out", str(out)])
    assert exit_code == 1  # the key-points judge is wrong on many items: not validated
    [report] = json.loads(out.read_text())
    checks = {c["criterion"]: c for c in report["criteria"]}
    labels = [i.labels[KEY_POINTS] for i in rows]
    predictions = [MISSED_HAND_REVIEW not in i.subject.answer and i not in flipped for i in rows]
    assert checks[KEY_POINTS]["kappa"] == pytest.approx(expected_kappa(labels, predictions))
    assert 0 < checks[KEY_POINTS]["kappa"] < 0.6 and not checks[KEY_POINTS]["passed"]
    table = checks[KEY_POINTS]["table"]
    pairs = list(zip(predictions, labels, strict=True))
    assert table["true_not_met"] == sum(not p and not t for p, t in pairs)
    assert table["false_met"] == sum(p and not t for p, t in pairs)
    assert checks[TRAPS]["kappa"] == pytest.approx(1.0) and checks[TRAPS]["passed"]
    assert checks[TRAPS]["retest_agreement"] == 1.0
    labelled = sum(len(i.labels) for i in design)
    assert CountingJudge.calls == 2 * 3 * labelled  # two runs of three repeats, none cached away
    saved = check_file("countingjudge/scripted", judge_rubrics()["design"])
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
        met = self.labels[key]
        return ModelOutput.from_content("oracle", verdict_json(criterion.group(1), met))


@modelapi(name="oraclejudge")
def oracle_judge() -> type[OracleJudge]:
    return OracleJudge


def test_a_judge_that_passes_is_saved_as_validated_and_its_scores_say_so(
    tmp_path: Path, items: list[CalibrationItem]
) -> None:
    OracleJudge.labels = {
        (criterion, item.subject.reference.strip(), item.subject.answer.strip()): met
        for item in items
        for criterion, met in item.labels.items()
    }
    exit_code = main(["judge-check", "--grader-model", "oraclejudge/perfect", "--limit", "40"])
    assert exit_code == 0
    saved = json.loads(check_file("oraclejudge/perfect", judge_rubrics()["design"]).read_text())
    assert saved["passed"] is True and saved["judge_model"] == "oraclejudge/perfect"
    assert all(c["kappa"] == pytest.approx(1.0) for c in saved["criteria"])
    # The validation is per judge model: the offline judge's scores stay unvalidated.
    script = write_script(tmp_path, [rule(c, verdict_json(c, True)) for c in (KEY_POINTS, TRAPS)])
    score = only_score(only_sample(run_design(tmp_path, offline_grader(script))))
    assert score.metadata and score.metadata["judge"]["design"]["validation"] == "unvalidated"


def test_judge_check_needs_a_judge() -> None:
    assert main(["judge-check"]) == 2
    assert main(["judge-check", "--model-role", "critic=archbench/offline"]) == 2
