"""Build synthetic inspect `.eval` logs that follow archbench's log contract.

Used by the compare tests and by ``benchmarks/compare_speed.py``; it needs no model and none of
the eval code, only inspect's log types.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from inspect_ai.log import (
    EvalConfig,
    EvalDataset,
    EvalError,
    EvalLog,
    EvalSample,
    EvalSpec,
    EvalStats,
    write_eval_log,
)
from inspect_ai.model import ModelOutput, ModelUsage
from inspect_ai.scorer import Score

ScoreValue = float | dict[str, float | None] | None
# (sample id, epoch) -> {scorer name: value}; returning None makes the sample an error.
ScoreFn = Callable[[str, int], Mapping[str, ScoreValue] | None]
# (sample id, epoch) -> (the answer text, the scores' explanation).
AnswerFn = Callable[[str, int], tuple[str, str | None]]


@dataclass(frozen=True)
class RunSpec:
    """Identity of one synthetic run (one task, one agent version)."""

    task: str
    agent: str | None
    agent_version: str | None
    model: str = "anthropic/claude-sonnet-4-5"
    dataset_version: str = "ds-1"
    graders: dict[str, str] | None = field(default_factory=lambda: {"hidden_tests": "1"})
    agent_path: str | None = None
    agent_sha256: str | None = "0" * 64
    status: Literal["success", "error", "cancelled", "started"] = "success"
    created: str = "2026-11-26T06:00:00+00:00"
    # Fill each sample the way a real run does (a 3 KB request, task metadata, score
    # explanations and grader metadata), so that reading a synthetic log costs what a real one
    # costs; off by default, where tests only need the scores.
    realistic: bool = False
    # (sample id, epoch) whose scores say the test report was tampered with, as the code
    # grader's `tampered` metadata does when a canary test passed.
    tampered: frozenset[tuple[str, int]] = frozenset()
    # sample id -> its task's tier, written into the sample metadata as a real run does.
    tiers: Mapping[str, str] = field(default_factory=dict)


def write_run(
    path: Path,
    spec: RunSpec,
    sample_ids: list[str],
    epochs: int,
    scores: ScoreFn,
    answers: AnswerFn | None = None,
) -> Path:
    """Write one `.eval` log with ``len(sample_ids) * epochs`` samples and return its path.

    ``answers`` gives each sample-epoch's answer text and score explanation (default: "answer").
    """
    answer_of = answers or (lambda sample_id, epoch: ("answer", None))
    samples = [
        _sample(spec, sample_id, epoch, scores(sample_id, epoch), answer_of(sample_id, epoch))
        for sample_id in sample_ids
        for epoch in range(1, epochs + 1)
    ]
    log = EvalLog(
        status=spec.status,
        eval=_eval_spec(spec, len(sample_ids)),
        stats=EvalStats(started_at=spec.created, completed_at=spec.created),
        samples=samples,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    write_eval_log(log, path)
    return path


def _eval_spec(spec: RunSpec, sample_count: int) -> EvalSpec:
    metadata: dict[str, Any] = {
        "agent": spec.agent,
        "agent_version": spec.agent_version,
        "agent_sha256": spec.agent_sha256,
        "agent_path": spec.agent_path,
        "dataset_version": spec.dataset_version,
        "archbench_version": "0.1.0",
    }
    if spec.graders is not None:
        metadata["graders"] = spec.graders
    return EvalSpec(
        created=spec.created,
        task=spec.task,
        dataset=EvalDataset(name=spec.task, samples=sample_count),
        model=spec.model,
        config=EvalConfig(),
        metadata=metadata,
    )


def _score(
    value: ScoreValue, explanation: str | None = None, realistic: bool = False,
    tampered: bool = False,
) -> Score:  # fmt: skip
    # inspect stores a missing scalar score as NaN (Score.unscored); a dict may hold None.
    metadata = {
        **(_grader_metadata() if realistic else {}),
        **({"tampered": True} if tampered else {}),
    }
    return Score(
        value=math.nan if value is None else value,
        explanation=explanation or (_EXPLANATION if realistic else None),
        metadata=metadata or None,
    )


def _sample(
    spec: RunSpec,
    sample_id: str,
    epoch: int,
    values: Mapping[str, ScoreValue] | None,
    answer: tuple[str, str | None] = ("answer", None),
) -> EvalSample:
    usage = ModelUsage(input_tokens=1000, output_tokens=200, total_tokens=1200)
    sample = EvalSample(
        id=sample_id,
        epoch=epoch,
        input=_REQUEST if spec.realistic else "request",
        target="",
        output=ModelOutput.from_content(spec.model, answer[0]),
        metadata=_sample_metadata(spec, sample_id),
        model_usage={spec.model: usage},
        total_time=2.0,
        working_time=1.5,
    )
    if values is None:
        sample.error = EvalError(message="boom", traceback="", traceback_ansi="")
    else:
        tampered = (sample_id, epoch) in spec.tampered
        sample.scores = {
            name: _score(value, answer[1], spec.realistic, tampered)
            for name, value in values.items()
        }
    return sample


# --------------------------------------------------------------------------- realistic content

_REQUEST = (
    "When our payments provider goes down, every request still waits on it and our worker "
    "pool drains. I'd like a circuit breaker we can wrap those calls in. "
) * 24
_EXPLANATION = "fail-to-pass: 7/10 passed; test_half_open_trial: AssertionError - " * 14


def _sample_metadata(spec: RunSpec, sample_id: str) -> dict[str, Any]:
    metadata: dict[str, Any] = {"task_id": sample_id, "kind": spec.task}
    if sample_id in spec.tiers:
        metadata["tier"] = spec.tiers[sample_id]
    if spec.realistic:
        metadata["title"] = "Circuit breaker with half-open trial calls"
        metadata["difficulty"] = "medium"
        metadata["tags"] = ["reliability", "circuit-breaker"]
    return metadata


def _grader_metadata() -> dict[str, Any]:
    judge: dict[str, Any] = {"rubric_hash": "c2e9f028a3c4425a", "judge_model": None,
                             "validation": "validated", "judges": 3, "criteria": []}  # fmt: skip
    return {
        "answer_chars": 4200,
        "files": ["resilience/__init__.py", "resilience/circuit_breaker.py"],
        "judge": {key: {"score_key": f"judge_{key}", **judge} for key in ("minimality", "design")},
    }
