"""Helpers: scripted agents for the offline model, agent files, and in-process agentic evals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from inspect_ai import eval as inspect_eval
from inspect_ai.log import EvalLog, EvalSample

from archbench.core.dataset import TaskRecord
from archbench.evalkit import build_task
from archbench.io.datasets import load_kind

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def record(kind: str, task_id: str) -> TaskRecord:
    records = load_kind(kind, PROJECT_ROOT / "datasets").records  # type: ignore[arg-type]
    return next(r for r in records if r.id == task_id)


def call(function: str, **arguments: Any) -> dict[str, Any]:
    return {"function": function, "arguments": arguments}


def turn(number: int, *calls: dict[str, Any], reply: str = "", when: str = "") -> dict[str, Any]:
    return {"turn": number, "when": when, "reply": reply, "tool_calls": list(calls)}


def write_script(tmp_path: Path, rules: list[dict[str, Any]], default: str = "") -> str:
    path = tmp_path / "script.yaml"
    path.write_text(yaml.safe_dump({"rules": rules, "default": default}), encoding="utf-8")
    return str(path)


def write_agent(tmp_path: Path, tools: str | None = None, model: str | None = None) -> str:
    """A minimal subagent file; `tools` and `model` go in its frontmatter when given."""
    lines = ["---", "name: scripted-agent", "description: A test agent."]
    lines += [f"tools: {tools}"] if tools is not None else []
    lines += [f"model: {model}"] if model is not None else []
    lines += ["---", "You are a careful backend engineer. Use your tools.", ""]
    path = tmp_path / "scripted-agent.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return str(path)


def run_agentic(
    kind: str,
    agent: str,
    task_id: str,
    tmp_path: Path,
    script: str | None = None,
    mode: str = "agentic",
    sandbox: str = "archbench-bwrap",
    **eval_args: Any,
) -> EvalLog:
    """One sample of `kind` answered by `agent`: on the offline model when a script is given."""
    [log] = inspect_eval(
        build_task(kind, agent, sandbox, mode=mode),  # type: ignore[arg-type]
        sample_id=[task_id],
        log_dir=str(tmp_path / "logs"),
        display="none",
        model="archbench/offline" if script else "none",
        model_args={"script": script} if script else {},
        **eval_args,
    )
    return log


def only_sample(log: EvalLog) -> EvalSample:
    assert log.status == "success", log.error
    assert log.samples is not None and len(log.samples) == 1
    return log.samples[0]


def scores(sample: EvalSample) -> dict[str, float]:
    assert sample.scores is not None
    [score] = sample.scores.values()
    assert isinstance(score.value, dict)
    return {key: float(value) for key, value in score.value.items()}


def tool_results(sample: EvalSample) -> dict[str, list[str]]:
    """Each tool's results (or errors), in call order."""
    results: dict[str, list[str]] = {}
    for message in sample.messages:
        if message.role == "tool":
            text = message.error.message if message.error else message.text
            results.setdefault(str(message.function), []).append(text)
    return results
