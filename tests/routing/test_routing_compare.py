"""`archbench compare` on routing logs: lost delegations are a regression; a changed roster is
a different run, not a comparable one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval

from archbench.cli import main as archbench_main
from archbench.core.routing import UNDER_TEST_ROUTE
from archbench.evalkit import build_routing_task
from archbench.io.paths import HOME_VARIABLE
from archbench.io.routing_data import load_routing_dataset

from .scripts import Plan, write_script

UNDER_TEST = "python-backend-architect"


@pytest.fixture
def home(project_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project home with two prompt versions; v2's description no longer claims the work."""
    agents = tmp_path / "home/agents" / UNDER_TEST
    agents.mkdir(parents=True)
    v1 = (project_root / "agents" / UNDER_TEST / "v1.md").read_text(encoding="utf-8")
    description = next(line for line in v1.splitlines() if line.startswith("description:"))
    (agents / "v1.md").write_text(v1, encoding="utf-8")
    v2 = v1.replace(description, "description: Use this agent for questions about Python.")
    (agents / "v2.md").write_text(v2, encoding="utf-8")
    shutil.copytree(project_root / "datasets/routing", tmp_path / "home/datasets/routing")
    monkeypatch.setenv(HOME_VARIABLE, str(tmp_path / "home"))
    return tmp_path / "home"


def run_version(version: str, own_route: str, home: Path, log_dir: Path) -> None:
    """Run `version` with a scripted orchestrator that sends the agent's own work to `own_route`
    and routes every other request as expected."""
    requests = {r.id: r for r in load_routing_dataset(home / "datasets").requests}
    plans: dict[str, Plan] = {
        rid: own_route if r.route == UNDER_TEST_ROUTE else r.route for rid, r in requests.items()
    }
    script = write_script(log_dir.parent / f"{version}.yaml", requests, plans)
    [log] = inspect_eval(
        build_routing_task(f"{UNDER_TEST}@{version}"),
        model="archbench/offline",
        model_args={"script": str(script)},
        log_dir=str(log_dir),
        display="none",
    )
    assert log.status == "success"


def test_a_description_that_loses_delegations_is_a_regression(home: Path, tmp_path: Path) -> None:
    log_dir = tmp_path / "logs"
    run_version("v1", UNDER_TEST, home, log_dir)
    run_version("v2", "general-purpose", home, log_dir)
    out = tmp_path / "report"
    argv = [
        "compare", f"{UNDER_TEST}@v1", f"{UNDER_TEST}@v2", "--log-dir", str(log_dir),
        "--out", str(out),
    ]  # fmt: skip
    assert archbench_main(argv) == 1
    report = json.loads((out / "report.json").read_text())
    verdicts = {row["metric"]: row["verdict"] for row in report["rows"] if row["task"] == "routing"}
    assert verdicts["delegation_recall"] == "REGRESSION" and verdicts["routing"] == "REGRESSION"
    assert verdicts["delegation_specificity"] != "REGRESSION"
    markdown = (out / "report.md").read_text()
    own = sum(r.route == UNDER_TEST_ROUTE for r in load_routing_dataset(home / "datasets").requests)
    assert f"| base {UNDER_TEST}@v1 | {UNDER_TEST} | 1.000 | 1.000 | {own}/0/0 | 0 |" in markdown
    assert f"| candidate {UNDER_TEST}@v2 | {UNDER_TEST} | - | 0.000 | 0/0/{own} | 0 |" in markdown
    candidate = confusion_cells(markdown, f"candidate {UNDER_TEST}@v2")
    assert candidate[(UNDER_TEST, "general-purpose")] == own
    assert (UNDER_TEST, UNDER_TEST) not in candidate  # no request was routed to it
    assert confusion_cells(markdown, f"base {UNDER_TEST}@v1")[(UNDER_TEST, UNDER_TEST)] == own
    html = (out / "report.html").read_text()
    assert "<h2>Routing</h2>" in html
    assert f"<h3>Confusion table, candidate {UNDER_TEST}@v2 (rows: expected" in html
    assert f"<td>0/0/{own}</td>" in html


def confusion_cells(markdown: str, label: str) -> dict[tuple[str, str], int]:
    """(expected, actual) -> count from the Markdown confusion table of one side."""
    section = markdown.split(f"### Confusion table, {label} ")[1].split("\n\n")[1]
    header, _, *rows = [line.strip("|").split("|") for line in section.splitlines()]
    actual = [cell.strip() for cell in header[1:]]
    return {
        (cells[0].strip(), column): int(count)
        for cells in rows
        for column, count in zip(actual, cells[1:], strict=True)
    }


def test_a_changed_distractor_makes_runs_incomparable(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def reference_log(log_dir: Path) -> str:
        [log] = inspect_eval(
            build_routing_task("reference"), model="none", log_dir=str(log_dir), display="none"
        )
        return log.location

    before = reference_log(tmp_path / "before")
    distractor = home / "datasets/routing/agents/go-developer.md"
    distractor.write_text(distractor.read_text().replace("version: v1", "version: v2"))
    after = reference_log(tmp_path / "after")
    argv = ["compare", before, after, "--out", str(tmp_path / "report")]
    assert archbench_main(argv) == 2
    assert "task 'routing': dataset_version" in capsys.readouterr().err
