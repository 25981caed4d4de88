"""The routing task end to end through inspect, offline: controls and a scripted orchestrator."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval
from inspect_ai.event import ModelEvent, ToolEvent
from inspect_ai.log import EvalLog, EvalSample, resolve_sample_attachments
from inspect_ai.model import ChatMessageAssistant
from inspect_ai.scorer import Score

from archbench.core.routing import DIRECT_ROUTE, TASK_TOOL, UNDER_TEST_ROUTE
from archbench.evalkit import build_routing_task
from archbench.io.agents import load_agent
from archbench.io.routing_data import RoutingRequest, load_routing_dataset

from .scripts import Plan, delegation, write_script

UNDER_TEST = "python-backend-architect"


@pytest.fixture(scope="module")
def requests(project_root_module: Path) -> dict[str, RoutingRequest]:
    dataset = load_routing_dataset(project_root_module / "datasets")
    return {request.id: request for request in dataset.requests}


@pytest.fixture(scope="module")
def project_root_module() -> Path:
    return Path(__file__).resolve().parents[2]


def routing_score(sample: EvalSample) -> Score:
    [score] = (sample.scores or {}).values()
    return score


def values(sample: EvalSample) -> dict[str, float]:
    score = routing_score(sample)
    assert isinstance(score.value, dict)
    return {key: float(value) for key, value in score.value.items()}


def metric(log: EvalLog, key: str, name: str) -> float:
    assert log.results is not None
    [score] = [s for s in log.results.scores if s.name == key]
    [value] = [m.value for metric_name, m in score.metrics.items() if metric_name.endswith(name)]
    return value


def run_scripted(plans: dict[str, Plan], requests: dict[str, RoutingRequest], tmp: Path) -> EvalLog:
    script = write_script(tmp / "script.yaml", requests, plans)
    [log] = inspect_eval(
        build_routing_task(f"{UNDER_TEST}@v1"),
        model="archbench/offline",
        model_args={"script": str(script)},
        sample_id=list(plans),
        log_dir=str(tmp / "logs"),
        display="none",
    )
    assert log.status == "success", log.error
    return log


def test_reference_control_routes_every_request_and_records_the_roster(tmp_path: Path) -> None:
    [log] = inspect_eval(
        build_routing_task("reference"), model="none", log_dir=str(tmp_path), display="none"
    )
    assert log.status == "success" and log.samples
    assert len(log.samples) >= 60
    assert all(values(sample)["routing"] == 1.0 for sample in log.samples)
    assert metric(log, "delegation_recall", "mean") == 1.0
    assert metric(log, "routing", "delegation_precision") == 1.0
    metadata = log.eval.metadata or {}
    roster = metadata["roster"]
    assert metadata["agent"] == "reference" and metadata["agent_version"] is None
    assert roster["agent_under_test"]["name"] == UNDER_TEST
    assert len(roster["distractors"]["agents"]) >= 6
    assert set(roster["distractors"]["agents"].values()) == {"v1"}
    assert len(roster["distractors"]["sha256"]) == 16 and len(metadata["dataset_version"]) == 16
    # The dataset's `under-test` alias becomes the prompt's own name in each sample's target.
    classes = {sample.metadata["route_class"]: sample.target for sample in log.samples}
    assert classes[UNDER_TEST_ROUTE] == UNDER_TEST and classes[DIRECT_ROUTE] == DIRECT_ROUTE


def test_null_control_never_delegates(tmp_path: Path) -> None:
    [log] = inspect_eval(
        build_routing_task("null"), model="none", log_dir=str(tmp_path), display="none"
    )
    assert log.status == "success" and log.samples
    direct = [s for s in log.samples if s.target == DIRECT_ROUTE]
    assert all(values(s)["routing"] == (s in direct) for s in log.samples)
    assert metric(log, "delegation_recall", "mean") == 0.0
    assert metric(log, "delegation_specificity", "mean") == 1.0
    assert math.isnan(metric(log, "routing", "delegation_precision"))


def test_scripted_orchestrator_decisions_are_scored(
    requests: dict[str, RoutingRequest], tmp_path: Path
) -> None:
    plans: dict[str, Plan] = {
        "endpoint-user-registration": UNDER_TEST,  # right
        "god-module-utils": "general-purpose",  # a miss: recall drops
        "terraform-rds-module": UNDER_TEST,  # a false delegation: precision drops
        "react-table-component": "frontend-developer",  # right near miss
        "postgres-default-port": DIRECT_ROUTE,  # right direct answer
        "shell-largest-files": "backend-developer",  # unknown agent
        "pandas-notebook-churn": {"subagent_type": "data-scientist"},  # malformed: no prompt
    }
    log = run_scripted(plans, requests, tmp_path)
    by_id = {str(sample.id): sample for sample in log.samples or []}
    routed = {sid: (values(s)["routing"], routing_score(s).answer) for sid, s in by_id.items()}
    assert routed == {
        "endpoint-user-registration": (1.0, UNDER_TEST),
        "god-module-utils": (0.0, "general-purpose"),
        "terraform-rds-module": (0.0, UNDER_TEST),
        "react-table-component": (1.0, "frontend-developer"),
        "postgres-default-port": (1.0, DIRECT_ROUTE),
        "shell-largest-files": (0.0, "unknown:backend-developer"),
        "pandas-notebook-churn": (0.0, "malformed"),
    }
    assert metric(log, "delegation_recall", "mean") == 0.5
    assert metric(log, "routing", "delegation_precision") == 0.5
    assert metric(log, "delegation_specificity", "mean") == pytest.approx(4 / 5)
    malformed = routing_score(by_id["pandas-notebook-churn"])
    assert "description, prompt" in (malformed.explanation or "")


def test_orchestrator_sees_the_roster_and_its_delegation_is_not_executed(
    requests: dict[str, RoutingRequest], project_root_module: Path, tmp_path: Path
) -> None:
    log = run_scripted({"split-large-service-file": UNDER_TEST}, requests, tmp_path)
    [logged] = log.samples or []
    sample = resolve_sample_attachments(logged)  # long texts are stored as attachments
    [model_call] = [event for event in sample.events if isinstance(event, ModelEvent)]
    [tool] = model_call.tools
    agent = load_agent(f"{UNDER_TEST}@v1", project_root_module / "agents")
    assert tool.name == TASK_TOOL
    assert sorted(tool.parameters.required) == ["description", "prompt", "subagent_type"]
    assert f"- {UNDER_TEST}: {agent.description}" in tool.description
    assert "- go-developer: " in tool.description and "- general-purpose: " in tool.description
    assert not [event for event in sample.events if isinstance(event, ToolEvent)]
    assert [message.role for message in sample.messages] == ["system", "user", "assistant"]
    answer = sample.messages[-1]
    assert isinstance(answer, ChatMessageAssistant) and answer.tool_calls
    assert answer.tool_calls[0].arguments == delegation(UNDER_TEST)


def test_registered_routing_task_runs_from_any_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "inspect"),
            "eval",
            "archbench/routing",
            "--model",
            "none",
            "-T",
            "agent=reference",
            "--limit",
            "3",
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


def test_prompt_agent_without_model_stops_before_any_sample(
    project_root_module: Path, tmp_path: Path
) -> None:
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "inspect"),
            "eval",
            "evals/review.py@routing",
            "-T",
            f"agent={UNDER_TEST}@v1",
            "--log-dir",
            str(tmp_path / "logs"),
        ],
        cwd=project_root_module,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "pass --model" in result.stdout + result.stderr
    assert not list((tmp_path / "logs").glob("*.eval"))
