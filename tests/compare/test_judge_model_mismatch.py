"""Runs judged by different grader models (or judged and unjudged) are refused like any other
grader mismatch: their judge scores do not measure the same thing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval

from archbench.cli import main
from archbench.evalkit import build_task


def run_design(agent: str, log_dir: Path, grader: str | None) -> None:
    [log] = inspect_eval(
        build_task("design", agent),
        model="none",
        model_roles={"grader": grader} if grader else None,
        limit=1,
        log_dir=str(log_dir),
        display="none",
    )
    assert log.status == "success"


@pytest.mark.slow
def test_a_different_judge_model_is_a_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_design("reference", tmp_path, grader="archbench/offline")
    run_design("null", tmp_path, grader=None)

    exit_code = main(["compare", "reference", "null", "--log-dir", str(tmp_path)])

    assert exit_code == 2
    assert "grader 'judge_model' archbench/offline != absent" in capsys.readouterr().err


@pytest.mark.slow
def test_scores_of_an_unvalidated_judge_are_flagged_in_the_report(tmp_path: Path) -> None:
    run_design("reference", tmp_path, grader="archbench/offline")
    run_design("null", tmp_path, grader="archbench/offline")
    out = tmp_path / "report"

    main(["compare", "reference", "null", "--log-dir", str(tmp_path), "--out", str(out)])

    notes = json.loads((out / "report.json").read_text(encoding="utf-8"))["notes"]
    assert any(note.startswith("unvalidated judge: judge_design") for note in notes)
    assert "unvalidated judge: judge_design" in (out / "report.md").read_text(encoding="utf-8")
