"""Rubric judges inside inspect evals, with the offline provider as the `grader` role."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from inspect_ai import eval as inspect_eval
from inspect_ai.model import get_model

from archbench.core.judge import (
    prompt_hash,
)
from archbench.core.judge_rubric import (
    rubric_hash,
)
from archbench.evalkit import build_task
from archbench.evalkit._judge import JudgeSettings
from archbench.evalkit._judge_rubrics import (
    check_file,
    judge_rubrics,
    judge_versions,
    validation_status,
)
from archbench.evalkit._scorers import grader_versions

from .conftest import (
    CRITERIA,
    KEY_POINTS,
    TRAPS,
    CountingJudge,
    all_met,
    offline_grader,
    only_sample,
    only_score,
    rule,
    run_design,
    verdict_json,
    verdict_rules,
    write_script,
)

KEY_POINT = KEY_POINTS[0]


def judge_metadata(log: Any) -> dict[str, Any]:
    metadata = only_score(only_sample(log)).metadata or {}
    design: dict[str, Any] = metadata["judge"]["design"]
    return design


def judge_design(log: Any) -> float:
    value = only_score(only_sample(log)).value
    assert isinstance(value, dict)
    return float(value["judge_design"])


def test_no_grader_bound_is_skipped_not_zero_and_not_the_model_under_test(
    tmp_path: Path,
) -> None:
    log = run_design(tmp_path, grader=None)
    assert math.isnan(judge_design(log))
    design = judge_metadata(log)
    assert design["unscored_reason"] == "no_grader" and design["criteria"] == []
    score = only_score(only_sample(log))
    assert score.metadata and score.metadata["judge_unscored_reasons"] == {"design": "no_grader"}
    assert score.metadata["answer_chars"] > 1000
    assert "unscored (no_grader)" in (score.explanation or "")


def test_each_key_point_and_trap_is_one_criterion_and_the_score_is_the_share_met(
    tmp_path: Path,
) -> None:
    verdicts = {**dict.fromkeys(KEY_POINTS, True), **dict.fromkeys(TRAPS, False)}
    verdicts[KEY_POINTS[2]] = False
    log = run_design(tmp_path, offline_grader(write_script(tmp_path, verdict_rules(verdicts))))
    assert judge_design(log) == pytest.approx(5 / 9)
    design = judge_metadata(log)
    rubric = judge_rubrics()["design"]
    assert design["rubric_hash"] == rubric_hash(rubric)
    assert design["judge_model"] == "archbench/offline"
    assert design["validation"] == "unvalidated"  # judge-check never ran for this pair
    assert design["disagreement_rate"] == 0.0
    statuses = {c["id"]: (c["status"], c["votes"]) for c in design["criteria"]}
    assert statuses == {
        criterion: ("met", [True] * 3) if met else ("not_met", [False] * 3)
        for criterion, met in verdicts.items()
    }
    assert {c["family"] for c in design["criteria"]} == {"design-key-point", "design-trap"}
    assert design["met_by_family"] == {
        "design-key-point": {"met": 5, "of": 6},
        "design-trap": {"met": 0, "of": 3},
    }
    explanation = only_score(only_sample(log)).explanation or ""
    summary = "5/6 key points, 0/3 traps; missed design-key-point-3, design-trap-1, design-trap-2"
    assert f"judge design: 0.56 - {summary}, design-trap-3" in explanation
    assert "[MET] design-key-point-1" in explanation and "[NOT MET] design-trap-3" in explanation
    assert "[unvalidated judge]" in explanation
    usage = log.stats.role_usage.get("grader")
    assert usage is not None and usage.input_tokens > 0


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        ("Looks solid overall, nice work.", "unparseable"),
        ('{"criterion": "design-key-point-1", "met": tr', "unparseable"),
        ("I can't help with evaluating this content.", "refused"),
        (verdict_json(TRAPS[0], True), "wrong_criterion"),
        (verdict_json(KEY_POINTS[1], True), "wrong_criterion"),
        ('{"criterion": "design-key-point-1", "met": true}', "partial"),
    ],
)
def test_unusable_verdicts_are_unscored_grader_failed_with_the_raw_text(
    tmp_path: Path, reply: str, kind: str
) -> None:
    """One unusable criterion of nine leaves the whole answer unscored: no partial grade."""
    script = write_script(tmp_path, [rule(KEY_POINT, reply), *all_met(CRITERIA[1:])])
    log = run_design(tmp_path, offline_grader(script))
    assert math.isnan(judge_design(log))  # never 0, never a pass, never 8/9
    design = judge_metadata(log)
    assert design["unscored_reason"] == "grader_failed"
    assert design["detail"] == "1 of 9 criteria without a majority verdict"
    assert sum(c["status"] == "met" for c in design["criteria"]) == 8
    [key_points] = [c for c in design["criteria"] if c["id"] == KEY_POINT]
    assert key_points["status"] == "unscored" and key_points["votes"] == []
    failure = key_points["failures"][0]
    assert failure["kind"] == kind
    if kind == "refused":  # nothing malformed to correct: not retried
        assert failure["raw"] == reply
    else:
        assert "after one retry" in failure["detail"]
        assert failure["raw"].count(reply) == 2 and "--- retry ---" in failure["raw"]


def test_one_retry_with_the_validation_error_can_recover(tmp_path: Path) -> None:
    retry_marker = f"Reply again with only this JSON object for criterion {KEY_POINT}"
    script = write_script(
        tmp_path,
        [
            {"when": retry_marker, "reply": verdict_json(KEY_POINT, True)},
            rule(KEY_POINT, '{"criterion": "design-key-point-1"}'),
            *all_met(CRITERIA[1:]),
        ],
    )
    log = run_design(tmp_path, offline_grader(script))
    assert judge_design(log) == 1.0


def test_a_slow_judge_times_out_into_grader_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHBENCH_JUDGE_TIMEOUT", "0.2")
    CountingJudge.delay_seconds = 5.0
    script = write_script(tmp_path, [], default=verdict_json(KEY_POINT, True))
    log = run_design(tmp_path, get_model("countingjudge/slow", script=str(script)))
    assert math.isnan(judge_design(log))
    design = judge_metadata(log)
    kinds = {f["kind"] for c in design["criteria"] for f in c["failures"]}
    assert kinds == {"timeout"}
    assert CountingJudge.calls == 27  # 9 criteria x 3 repeats, no retry after a timeout


def test_split_votes_record_disagreement(tmp_path: Path) -> None:
    script = write_script(tmp_path, all_met())
    CountingJudge.flip_seeds = {JudgeSettings().seed + 1}  # the second of three repeats flips
    log = run_design(tmp_path, get_model("countingjudge/flippy", script=str(script)))
    assert judge_design(log) == 1.0  # 2 of 3 still say met on each criterion
    design = judge_metadata(log)
    assert design["disagreement_rate"] == 1.0
    assert all(sorted(c["votes"]) == [False, True, True] for c in design["criteria"])


def test_a_passed_judge_check_marks_the_scores_validated(tmp_path: Path) -> None:
    script = write_script(tmp_path, all_met())
    rubric = judge_rubrics()["design"]
    saved = check_file("archbench/offline", rubric)
    saved.parent.mkdir(parents=True)
    record = {
        "judge_model": "archbench/offline",
        "rubric_hash": rubric_hash(rubric),
        "prompt_hash": prompt_hash(),
    }
    saved.write_text(json.dumps({**record, "passed": True}))
    log = run_design(tmp_path, offline_grader(script))
    assert judge_metadata(log)["validation"] == "validated"
    assert "[unvalidated judge]" not in (only_score(only_sample(log)).explanation or "")
    saved.write_text(json.dumps({**record, "passed": False}))
    assert judge_metadata(run_design(tmp_path, offline_grader(script)))["validation"] == (
        "unvalidated"
    )


def test_judge_rubric_hashes_are_part_of_the_grader_versions() -> None:
    versions = grader_versions()
    for name, value in judge_versions().items():
        assert versions[name] == value
    assert {"judge_design", "judge_spec_adherence", "judge_modularity", "judge_minimality"} <= set(
        versions
    )


def test_code_tasks_get_the_three_judge_keys_next_to_the_static_ones(tmp_path: Path) -> None:
    criteria = [c.id for d in ("spec_adherence", "modularity", "minimality")
                for c in judge_rubrics()[d].criteria]  # fmt: skip
    script = write_script(
        tmp_path, [rule(c, verdict_json(c, c != "min-no-dead-code")) for c in criteria]
    )
    [log] = inspect_eval(
        build_task("implement", "reference"),
        model="none",
        model_roles={"grader": offline_grader(script)},
        sample_id=["circuit-breaker"],
        log_dir=str(tmp_path / "logs"),
        display="none",
    )
    assert log.status == "success"
    score = only_score(only_sample(log))
    assert isinstance(score.value, dict) and score.metadata
    assert score.value["spec_adherence"] == 1.0  # the hidden tests still grade spec adherence
    judged = {
        k: score.value[k] for k in ("judge_spec_adherence", "judge_modularity", "judge_minimality")
    }
    assert judged == {"judge_spec_adherence": 1.0, "judge_modularity": 1.0, "judge_minimality": 0.5}
    assert set(score.metadata["judge"]) == {"spec_adherence", "modularity", "minimality"}
    assert log.results and {s.scorer for s in log.results.scores} == {"code_task_grader"}


@pytest.mark.parametrize(
    ("field", "stale"),
    [("judge_model", "archbench/other"), ("rubric_hash", "0" * 16), ("prompt_hash", "0" * 16)],
)
def test_a_check_of_another_model_rubric_or_prompt_does_not_validate(
    field: str, stale: str
) -> None:
    rubric = judge_rubrics()["design"]
    record = {
        "judge_model": "archbench/offline",
        "rubric_hash": rubric_hash(rubric),
        "prompt_hash": prompt_hash(),
        "passed": True,
    }
    saved = check_file("archbench/offline", rubric)
    saved.parent.mkdir(parents=True)
    saved.write_text(json.dumps(record))
    assert validation_status("archbench/offline", rubric) == "validated"
    saved.write_text(json.dumps({**record, field: stale}))
    assert validation_status("archbench/offline", rubric) == "unvalidated"


def test_a_grader_that_is_the_model_under_test_is_flagged(tmp_path: Path) -> None:
    grader = offline_grader(write_script(tmp_path, all_met()))
    [log] = inspect_eval(
        build_task("design", "reference"),
        model=grader,
        model_roles={"grader": grader},
        sample_id=["event-pipeline-structure"],
        log_dir=str(tmp_path / "logs"),
        display="none",
    )
    score = only_score(only_sample(log))
    assert score.metadata and score.metadata["judge_is_model_under_test"] is True
    assert "self-preference" in (score.explanation or "")
    other = only_score(only_sample(run_design(tmp_path, grader)))
    assert other.metadata and "judge_is_model_under_test" not in other.metadata
