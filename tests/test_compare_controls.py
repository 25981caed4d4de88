"""`archbench compare` on real logs from evals/review.py: the controls and a self-comparison."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval

from archbench.cli import main as archbench_main
from archbench.evalkit import build_task

KINDS = ("implement", "review")


@pytest.fixture(scope="module")
def control_logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    log_dir = tmp_path_factory.mktemp("control-logs")
    for agent in ("reference", "null"):
        tasks = [build_task(kind, agent) for kind in KINDS]  # type: ignore[arg-type]
        logs = inspect_eval(tasks, model="none", log_dir=str(log_dir), limit=6, display="none")
        assert all(log.status == "success" for log in logs)
    return log_dir


def test_null_against_reference_is_a_regression(control_logs: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    argv = ["compare", "reference", "null", "--log-dir", str(control_logs), "--out", str(out)]
    assert archbench_main(argv) == 1
    report = json.loads((out / "report.json").read_text())
    assert report["verdict"] == "REGRESSION"
    regressed = {
        (row["task"], row["metric"]) for row in report["rows"] if row["verdict"] == "REGRESSION"
    }
    # Six samples: the fewest at which an exact test can see a drop on two gated rows (1/64).
    assert ("implement", "spec_adherence") in regressed
    # Review's six include clean twins (nothing to find), leaving too few discordant pairs for
    # an exact test at the Holm level; the drop is shown and the verdict is not "no drop".
    rows = {(r["task"], r["metric"]): r for r in report["rows"]}
    review = rows[("review", "review_score")]
    assert review["role"] == "primary" and review["regressed"] > 0
    assert review["verdict"] != "NON-INFERIOR"
    assert (out / "report.md").is_file() and (out / "report.html").is_file()


def test_a_run_compared_with_itself_is_not_a_regression(control_logs: Path, tmp_path: Path) -> None:
    out = tmp_path / "self"
    argv = ["compare", "reference", "reference", "--log-dir", str(control_logs), "--out", str(out)]
    assert archbench_main(argv) == 0
    # Six samples agreeing cannot show that a 10-point drop is ruled out: not "OK".
    assert json.loads((out / "report.json").read_text())["verdict"] == "NOT ENOUGH EVIDENCE"
    assert archbench_main([*argv, "--fail-on-inconclusive"]) == 4
