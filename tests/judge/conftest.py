"""Offline judges: the project's `archbench/offline` provider bound as the `grader` role."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

import anyio
import pytest
import yaml
from inspect_ai import eval as inspect_eval
from inspect_ai.log import EvalLog, EvalSample
from inspect_ai.model import ChatMessage, GenerateConfig, Model, ModelOutput, get_model, modelapi
from inspect_ai.scorer import Score
from inspect_ai.tool import ToolChoice, ToolInfo

from archbench.evalkit import build_task
from archbench.evalkit._offline_model import OfflineModel

DESIGN_TASK = "event-pipeline-structure"  # 6 key points, 3 traps: 9 criteria, 27 judge calls
KEY_POINTS = tuple(f"design-key-point-{n}" for n in range(1, 7))
TRAPS = tuple(f"design-trap-{n}" for n in range(1, 4))
CRITERIA = (*KEY_POINTS, *TRAPS)


def verdict_json(criterion: str, met: bool, reason: str = "checked against the reference") -> str:
    return json.dumps({"criterion": criterion, "met": met, "reason": reason})


def rule(criterion: str, reply: str, **extra: Any) -> dict[str, Any]:
    """A script rule answering the judge prompt of `criterion`."""
    return {"when": f"## Criterion {criterion}\n", "reply": reply, **extra}


def verdict_rules(verdicts: Mapping[str, bool]) -> list[dict[str, Any]]:
    """One rule per criterion id: a verdict must name its own criterion."""
    return [rule(criterion, verdict_json(criterion, met)) for criterion, met in verdicts.items()]


def all_met(criteria: Sequence[str] = CRITERIA) -> list[dict[str, Any]]:
    return verdict_rules(dict.fromkeys(criteria, True))


def write_script(folder: Path, rules: Sequence[Mapping[str, Any]], default: str = "") -> Path:
    path = folder / "judge-script.yaml"
    path.write_text(yaml.safe_dump({"rules": list(rules), "default": default}))
    return path


def offline_grader(script: Path) -> Model:
    return get_model("archbench/offline", script=str(script))


class CountingJudge(OfflineModel):
    """The offline judge, counting the calls that reach the provider (cache hits do not)."""

    calls: ClassVar[int] = 0
    delay_seconds: ClassVar[float] = 0.0
    # Calls made with one of these seeds get the scripted verdict inverted (a judge that flips).
    flip_seeds: ClassVar[set[int]] = set()

    async def generate(
        self,
        input: list[ChatMessage],
        tools: list[ToolInfo],
        tool_choice: ToolChoice,
        config: GenerateConfig,
    ) -> ModelOutput:
        type(self).calls += 1
        if self.delay_seconds:
            await anyio.sleep(self.delay_seconds)
        output = await super().generate(input, tools, tool_choice, config)
        if config.seed in self.flip_seeds:
            verdict = json.loads(output.completion)
            verdict["met"] = not verdict["met"]
            output.completion = output.choices[0].message.content = json.dumps(verdict)
        return output


@modelapi(name="countingjudge")
def counting_judge() -> type[CountingJudge]:
    return CountingJudge


@pytest.fixture(autouse=True)
def isolated_judge_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """judge-check results and the judge counter are per test."""
    monkeypatch.setenv("ARCHBENCH_JUDGE_CHECKS", str(tmp_path / "judge-checks"))
    monkeypatch.delenv("ARCHBENCH_JUDGE_TIMEOUT", raising=False)
    CountingJudge.calls = 0
    CountingJudge.delay_seconds = 0.0
    CountingJudge.flip_seeds = set()


def run_design(tmp_path: Path, grader: Model | str | None, sample_id: str = DESIGN_TASK) -> EvalLog:
    roles = {"grader": grader} if grader is not None else None
    [log] = inspect_eval(
        build_task("design", "reference"),
        model="none",
        model_roles=roles,
        sample_id=[sample_id],
        log_dir=str(tmp_path / "logs"),
        display="none",
    )
    assert log.status == "success", log.error
    return log


def only_score(sample: EvalSample) -> Score:
    [score] = (sample.scores or {}).values()
    return score


def only_sample(log: EvalLog) -> EvalSample:
    assert log.samples is not None
    [sample] = log.samples
    return sample
