"""Issue 17 item 1 end to end: through the review task, spam scores low in a real log."""

from __future__ import annotations

import json
from pathlib import Path

from inspect_ai import eval as inspect_eval
from inspect_ai.log import EvalLog
from inspect_ai.model import get_model

from archbench.core.script import Script, ScriptRule
from archbench.evalkit import build_task
from archbench.io.datasets import load_kind
from tests._scores import score_values
from tests.conftest import PROJECT_ROOT
from tests.review_attacks import oracle_labels, spam

RECORDS = {r.id: r for r in load_kind("review", PROJECT_ROOT / "datasets").records}
SEEDED = RECORDS["customer-search-sql-injection"]
CLEAN = RECORDS["customer-search-clean"]


def spam_answer(record_id: str) -> str:
    """A minor finding every 7th line, each naming SQL injection: the issue's spam, sharpened."""
    findings = spam(RECORDS[record_id], 7, "minor", oracle_labels)
    return "Review:\n\n```json\n" + json.dumps([f.model_dump() for f in findings]) + "\n```\n"


def run(tmp_path: Path, agent: str, **kwargs: object) -> EvalLog:
    [log] = inspect_eval(
        build_task("review", agent, sandbox="local"),
        sample_id=[SEEDED.id, CLEAN.id],
        log_dir=str(tmp_path / agent),
        display="none",
        **kwargs,  # type: ignore[arg-type]
    )
    assert log.status == "success" and log.samples
    return log


def run_mean(log: EvalLog, name: str) -> float:
    assert log.results is not None
    [scores] = [s for s in log.results.scores if s.name == name]
    return scores.metrics["mean"].value


def test_spam_scores_low_in_the_log_and_the_reference_full(tmp_path: Path) -> None:
    # Only the seeded sample interpolates the search term into the SQL text.
    script = Script(
        rules=[ScriptRule(when="LIKE '%{name_fragment}%'", reply=spam_answer(SEEDED.id))],
        default=spam_answer(CLEAN.id),
    )
    spammed = run(
        tmp_path, "python-backend-architect@v1", model=get_model("archbench/offline", script=script)
    )
    values = {s.id: score_values(s) for s in spammed.samples or []}
    assert values[SEEDED.id]["bug_detection"] == 1.0  # a spam line lands on the bug...
    assert values[SEEDED.id]["false_positives"] >= 3.0  # ...among many that do not
    assert all(v["review_score"] <= 0.2 for v in values.values())
    assert run_mean(spammed, "review_score") <= 0.2

    reference = run(tmp_path, "reference", model="none")
    assert run_mean(reference, "review_score") == 1.0
