"""End to end through inspect: control agents, a prompt agent on the offline model, metadata."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from inspect_ai import eval as inspect_eval
from inspect_ai.log import EvalLog

from archbench.core.harness import reference_answer
from archbench.evalkit import build_task
from archbench.io.agents import load_agent
from archbench.io.datasets import load_kind
from tests._scores import score_values

SAMPLES_PER_KIND = 2
KIND_METRICS = {
    "implement": ("spec_adherence", "modularity", "minimality"),
    "refactor": ("spec_adherence", "modularity", "minimality"),
    "review": ("bug_detection", "false_positives", "fix_verified"),
    "design": ("judge_design",),
}


def first_ids(kind: str, project_root: Path, count: int = SAMPLES_PER_KIND) -> list[str]:
    records = load_kind(kind, project_root / "datasets").records  # type: ignore[arg-type]
    seeded = [r.id for r in records if getattr(r.spec, "bug", None) is not None or kind != "review"]
    return seeded[:count]


def run(kind: str, agent: str, ids: list[str], tmp_path: Path, **kwargs: object) -> EvalLog:
    [log] = inspect_eval(
        build_task(kind, agent),  # type: ignore[arg-type]
        sample_id=ids,
        log_dir=str(tmp_path / "logs"),
        display="none",
        **kwargs,  # type: ignore[arg-type]
    )
    return log


@pytest.mark.parametrize("kind", list(KIND_METRICS))
def test_reference_control_runs_offline_and_scores_every_sample(
    kind: str, project_root: Path, tmp_path: Path
) -> None:
    log = run(kind, "reference", first_ids(kind, project_root), tmp_path, model="none")
    assert log.status == "success"
    metadata = log.eval.metadata or {}
    assert metadata["agent"] == "reference" and metadata["agent_sha256"] is None
    assert len(metadata["dataset_version"]) == 16 and metadata["archbench_version"]
    assert log.samples and len(log.samples) == SAMPLES_PER_KIND
    for sample in log.samples:
        assert sample.metadata["task_id"] == sample.id and sample.metadata["kind"] == kind
        values = score_values(sample)
        assert set(KIND_METRICS[kind]) <= set(values)
        if kind in ("implement", "refactor"):
            explanation = next(iter((sample.scores or {}).values())).explanation
            assert values["spec_adherence"] == 1.0 and values["modularity"] > 0.5, explanation
        elif kind == "review":
            assert values["bug_detection"] == 1.0 and values["fix_verified"] == 1.0
            assert values["false_positives"] == 0.0
        else:
            assert math.isnan(values["judge_design"])  # no grader bound: unscored, not zero


@pytest.mark.parametrize("kind", ["implement", "review"])
def test_null_control_scores_zero(kind: str, project_root: Path, tmp_path: Path) -> None:
    log = run(kind, "null", first_ids(kind, project_root), tmp_path, model="none")
    assert log.status == "success" and log.samples
    for sample in log.samples:
        values = score_values(sample)
        headline = "spec_adherence" if kind == "implement" else "bug_detection"
        assert values[headline] == 0.0


def test_prompt_agent_on_offline_model(project_root: Path, tmp_path: Path) -> None:
    records = {r.id: r for r in load_kind("implement", project_root / "datasets").records}
    solved, unsolved = first_ids("implement", project_root)
    script = {
        "rules": [
            {
                "when": records[solved].request.strip()[:200],
                "reply": reference_answer(records[solved]),
            }
        ],
        "default": "I would need more details.",
    }
    script_path = tmp_path / "script.yaml"
    script_path.write_text(yaml.safe_dump(script))
    log = run(
        "implement",
        "python-backend-architect@v1",
        [solved, unsolved],
        tmp_path,
        model="archbench/offline",
        model_args={"script": str(script_path)},
    )
    assert log.status == "success" and log.samples
    agent = load_agent("python-backend-architect@v1", project_root / "agents")
    metadata = log.eval.metadata or {}
    assert (metadata["agent"], metadata["agent_version"], metadata["agent_sha256"]) == (
        agent.name,
        "v1",
        agent.sha256,
    )
    by_id = {sample.id: sample for sample in log.samples}
    for sample in log.samples:
        system = sample.messages[0]
        assert system.role == "system" and system.text == agent.body
    assert score_values(by_id[solved])["spec_adherence"] == 1.0
    assert score_values(by_id[unsolved])["spec_adherence"] == 0.0


def test_prompt_agent_without_model_stops_before_any_sample(
    project_root: Path, tmp_path: Path
) -> None:
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "inspect"),
            "eval",
            "evals/review.py@design",
            "-T",
            "agent=python-backend-architect@v1",
            "--log-dir",
            str(tmp_path / "logs"),
        ],
        cwd=project_root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "pass --model" in result.stdout + result.stderr
    assert not list((tmp_path / "logs").glob("*.eval"))


def test_registered_task_runs_from_any_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "inspect"),
            "eval",
            "archbench/design",
            "--model",
            "archbench/offline",
            "-M",
            "default=Use an outbox.",
            "-T",
            "agent=python-backend-architect",
            "--limit",
            "1",
            "--log-dir",
            str(tmp_path / "logs"),
            "--display",
            "none",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "logs").glob("*.eval"))) == 1
