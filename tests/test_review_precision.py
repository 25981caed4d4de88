"""Precision of review findings over a run: detections / (detections + weighted false positives)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval
from inspect_ai.log import EvalLog
from inspect_ai.model import get_model

from archbench.core.review_match import run_precision
from archbench.core.script import Script, ScriptRule
from archbench.evalkit import build_task

SEEDED = "customer-search-sql-injection"  # bug in crm/customers.py lines 49-54
CLEAN = "customer-search-clean"


def findings_block(*findings: dict[str, object]) -> str:
    return "```json\n" + json.dumps(list(findings)) + "\n```"


HIT = {"file": "crm/customers.py", "line": 50, "category": "sql-injection", "severity": "critical",
       "explanation": "the search term is interpolated into SQL"}  # fmt: skip
WRONG = {"file": "crm/customers.py", "line": 5, "category": "race-condition", "severity": "major",
         "explanation": "imagined race"}  # fmt: skip


def precision(log: EvalLog) -> float:
    [scores] = [s for s in log.results.scores if s.name == "false_positives"]  # type: ignore[union-attr]
    return scores.metrics["archbench/finding_precision"].value


def test_run_precision_counts_detections_against_weighted_false_positives() -> None:
    assert run_precision([(True, 0.0), (True, 1.0), (False, 2.0)]) == pytest.approx(2 / 5)
    assert run_precision([(True, 0.0), (False, 0.0)]) == 1.0
    assert run_precision([(False, 0.0), (False, 0.0)]) is None


def run_review(tmp_path: Path, agent: str, **kwargs: object) -> EvalLog:
    [log] = inspect_eval(
        build_task("review", agent, sandbox="local"),
        sample_id=[SEEDED, CLEAN],
        log_dir=str(tmp_path / "logs"),
        display="none",
        **kwargs,  # type: ignore[arg-type]
    )
    return log


@pytest.mark.slow
def test_a_false_alarm_on_the_clean_twin_halves_the_runs_precision(tmp_path: Path) -> None:
    # Only the seeded sample interpolates the search term into the SQL text.
    script = Script(
        rules=[ScriptRule(when="LIKE '%{name_fragment}%'", reply=findings_block(HIT))],
        default=findings_block(WRONG),
    )
    model = get_model("archbench/offline", script=script)

    log = run_review(tmp_path, "python-backend-architect@v1", model=model)

    assert log.status == "success"
    assert precision(log) == pytest.approx(0.5)


@pytest.mark.slow
def test_controls_precision_is_perfect_or_undefined(tmp_path: Path) -> None:
    assert precision(run_review(tmp_path, "reference", model="none")) == 1.0
    assert math.isnan(precision(run_review(tmp_path, "null", model="none")))
