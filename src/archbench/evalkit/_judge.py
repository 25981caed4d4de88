"""Rubric judges, inspect adapter: load the YAML rubrics, ask the `grader` model, fail closed.

The judge is inspect's model role `grader` (`--model-role grader=<model>`), resolved with
`required=True`: with none bound every judged dimension is unscored (`no_grader`), never graded
by the model under test and never 0. Each criterion is asked `judges` times (a rubric field) at
temperature 0 with a seed per repeat, and the majority kept; every call goes through inspect's
cache, keyed by the epoch and repeat, so re-grading an unchanged log makes no model calls.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import anyio

# inspect raises its PrerequisiteError for a required role left unbound; it has no public alias.
from inspect_ai.model import (
    CachePolicy,
    ChatMessage,
    ChatMessageAssistant,
    ChatMessageSystem,
    ChatMessageUser,
    GenerateConfig,
    Model,
    get_model,
)
from inspect_ai.scorer import Score, Target
from inspect_ai.solver import TaskState
from inspect_ai.util import sandbox

from archbench.core.dataset import TaskRecord
from archbench.core.errors import ArchbenchError
from archbench.core.judge import (
    NO_GRADER,
    SYSTEM_PROMPT,
    CriterionResult,
    DimensionResult,
    JudgeSubject,
    build_prompt,
    build_retry_prompt,
    combine_votes,
    find_criterion,
    grade_dimension,
    met_by_family,
    render_files,
    skipped_dimension,
    subject_for,
)
from archbench.core.judge_rubric import (
    Rubric,
    criterion_family,
    rubric_hash,
)
from archbench.core.judge_verdict import Verdict, VerdictFailure, parse_verdict
from archbench.evalkit._agentic import take_work_dir_files
from archbench.evalkit._judge_rubrics import (
    UNVALIDATED,
    VALIDATED,
    rubrics_for,
    validation_status,
)
from archbench.evalkit._unrecorded import without_transcript
from archbench.inspect_compat import PrerequisiteError

GRADER_ROLE = "grader"
TIMEOUT_VARIABLE = "ARCHBENCH_JUDGE_TIMEOUT"
SCORING_FAILED = "scoring_failed"
# Malformed replies worth one more try with the problem quoted back.
RETRIED_FAILURES = frozenset({"unparseable", "partial", "wrong_criterion"})
UNSCORED = float("nan")

ScoreFunction = Callable[[TaskState, Target], Coroutine[Any, Any, Score]]
T = TypeVar("T")


@dataclass(frozen=True)
class JudgeSettings:
    """How the grader is called. The seed of repeat i is `seed + i`: distinct cache entries."""

    seed: int = 7
    max_tokens: int = 800
    timeout_seconds: float = 300.0
    cache: bool = True

    @classmethod
    def from_environment(cls) -> JudgeSettings:
        """Defaults; `ARCHBENCH_JUDGE_TIMEOUT` (seconds) overrides the per-call timeout."""
        configured = os.environ.get(TIMEOUT_VARIABLE)
        if not configured:
            return cls()
        try:
            return cls(timeout_seconds=float(configured))
        except ValueError as error:
            raise ArchbenchError(f"{TIMEOUT_VARIABLE}={configured!r} is not a number") from error


@dataclass(frozen=True)
class JudgeRequest:
    """One rubric to apply to one answer; `scope` keys the cache (epoch, or judge-check run)."""

    rubric: Rubric
    subject: JudgeSubject
    scope: Mapping[str, str] = field(default_factory=dict)


# --- asking the grader -------------------------------------------------------------------------


def bound_grader() -> Model | None:
    """The model bound to the `grader` role, or None: never the model under test."""
    try:
        return get_model(role=GRADER_ROLE, required=True)
    except PrerequisiteError:
        return None


def model_id(model: Model) -> str:
    return str(model)


async def ask_criterion(
    model: Model, request: JudgeRequest, criterion_id: str, repeat: int, settings: JudgeSettings
) -> Verdict | VerdictFailure:
    """One verdict, with one retry that quotes the problem if the first reply was malformed.

    Refusals, empty replies, timeouts and provider errors are not retried: there is no malformed
    text to correct (and an empty assistant turn is itself an invalid request for some APIs).
    """
    criterion = find_criterion(request.rubric.criteria_for(request.subject.checklist), criterion_id)
    messages: list[ChatMessage] = [
        ChatMessageSystem(content=SYSTEM_PROMPT),
        ChatMessageUser(content=build_prompt(criterion, request.subject)),
    ]
    first = await _generate(model, messages, request, repeat, settings, criterion_id)
    if isinstance(first, Verdict) or first.kind not in RETRIED_FAILURES:
        return first
    messages += [
        ChatMessageAssistant(content=first.raw),
        ChatMessageUser(content=build_retry_prompt(first, criterion_id)),
    ]
    second = await _generate(model, messages, request, repeat, settings, criterion_id)
    if isinstance(second, Verdict):
        return second
    raw = f"{first.raw}\n--- retry ---\n{second.raw}"
    detail = f"after one retry: {second.detail} (first reply {first.kind}: {first.detail})"
    return VerdictFailure(second.kind, detail, raw)


async def _generate(
    model: Model,
    messages: list[ChatMessage],
    request: JudgeRequest,
    repeat: int,
    settings: JudgeSettings,
    criterion_id: str,
) -> Verdict | VerdictFailure:
    config = GenerateConfig(
        temperature=0.0, seed=settings.seed + repeat, max_tokens=settings.max_tokens
    )
    cache = _cache_policy(request, repeat) if settings.cache else False
    try:
        with anyio.fail_after(settings.timeout_seconds):
            output = await model.generate(messages, config=config, cache=cache)
    except TimeoutError:
        return VerdictFailure("timeout", f"no reply within {settings.timeout_seconds:g}s", "")
    except Exception as error:  # a provider error is an unscored verdict, not a lost sample
        return VerdictFailure("model_error", f"{type(error).__name__}: {error}", "")
    refused = output.stop_reason == "content_filter"
    return parse_verdict(output.completion, criterion_id, refused=refused)


def _cache_policy(request: JudgeRequest, repeat: int) -> CachePolicy:
    """Never expires: a verdict depends only on the request, the model id and the config."""
    scopes = {**request.scope, "archbench_judge_repeat": str(repeat)}
    return CachePolicy(expiry=None, per_epoch=False, scopes=scopes)


async def judge_dimension(
    model: Model, request: JudgeRequest, settings: JudgeSettings
) -> DimensionResult:
    """Every criterion for the answer, `judges` times each, combined by majority.

    A per-item rubric asks (key points + traps) x judges calls: 27 for 6 points and 3 traps.
    """
    criteria = [c.id for c in request.rubric.criteria_for(request.subject.checklist)]
    results = await judge_criteria(model, request, criteria, settings)
    return grade_dimension(request.rubric, results)


async def judge_criteria(
    model: Model, request: JudgeRequest, criteria: Sequence[str], settings: JudgeSettings
) -> list[CriterionResult]:
    """The majority verdict of `judges` repeats on each of `criteria`, concurrently."""
    calls = [(cid, repeat) for cid in criteria for repeat in range(request.rubric.judges)]
    outcomes = await gather(
        [
            functools.partial(ask_criterion, model, request, cid, repeat, settings)
            for cid, repeat in calls
        ]
    )
    return [
        combine_votes(cid, [o for (c, _), o in zip(calls, outcomes, strict=True) if c == cid])
        for cid in criteria
    ]


async def gather(calls: Sequence[Callable[[], Awaitable[T]]]) -> list[T]:
    """Run the calls concurrently on whatever async backend inspect runs; results in order."""
    results: dict[int, T] = {}

    async def run(index: int, call: Callable[[], Awaitable[T]]) -> None:
        results[index] = await call()

    async with anyio.create_task_group() as group:
        for index, call in enumerate(calls):
            group.start_soon(run, index, call)
    return [results[index] for index in range(len(calls))]


# --- scores ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JudgedScores:
    """Judge results for one sample, ready to merge into the sample's Score."""

    values: dict[str, float]
    explanation: str
    metadata: dict[str, Any]


async def judge_sample(
    state: TaskState,
    record: TaskRecord,
    answer: str | None = None,
    settings: JudgeSettings | None = None,
) -> JudgedScores:
    """Apply every rubric for the sample's kind to `answer` (default: the final completion).

    With no grader bound every dimension is skipped: unscored with reason `no_grader`.
    """
    rubrics = rubrics_for(record.kind)
    answer_text = state.output.completion if answer is None else answer
    subject = subject_for(record, state.input_text, answer_text)
    scope = {"archbench_epoch": str(state.epoch)}
    model = bound_grader()
    if model is None:
        detail = "no grader model bound (--model-role grader=...)"
        results = [skipped_dimension(rubric, NO_GRADER, detail) for rubric in rubrics]
        return _judged(rubrics, results, None)
    requests = [JudgeRequest(rubric, subject, scope) for rubric in rubrics]
    judge_settings = settings or JudgeSettings.from_environment()
    calls = [functools.partial(judge_dimension, model, r, judge_settings) for r in requests]
    try:
        # The judge's prompt holds the gold answer: its calls stay out of the log's transcript.
        results = await without_transcript(functools.partial(gather, calls))
    except Exception as error:  # our own bug: the judge keys are unscored, other scores stay
        detail = f"judging failed: {type(error).__name__}: {error}"
        results = [skipped_dimension(r, SCORING_FAILED, detail) for r in rubrics]
    judged = _judged(rubrics, results, model_id(model))
    return _flag_self_judging(judged, model_id(model) == str(state.model))


def _flag_self_judging(judged: JudgedScores, self_judged: bool) -> JudgedScores:
    """A judge grading its own answers favours them (self-preference): say so on every score."""
    if not self_judged:
        return judged
    warning = "warning: the grader is the model under test (self-preference bias)"
    metadata = {**judged.metadata, "judge_is_model_under_test": True}
    return JudgedScores(judged.values, f"{judged.explanation}\n{warning}", metadata)


def _judged(
    rubrics: Sequence[Rubric], results: Sequence[DimensionResult], judge_model: str | None
) -> JudgedScores:
    values, lines, metadata, unvalidated = {}, [], {}, []
    for rubric, result in zip(rubrics, results, strict=True):
        status = validation_status(judge_model, rubric) if judge_model else UNVALIDATED
        values[rubric.score_key] = UNSCORED if result.score is None else result.score
        if judge_model and status != VALIDATED:
            unvalidated.append(rubric.score_key)
        marker = " [unvalidated judge]" if rubric.score_key in unvalidated else ""
        lines.append(f"judge {result.explanation()}{marker}")
        metadata[rubric.dimension] = _dimension_metadata(rubric, result, judge_model, status)
    # A flat, short copy: log sample summaries (what compare reads) drop nested values > 1 kB.
    flags = {"judge_unvalidated": ",".join(unvalidated)}
    return JudgedScores(values, "\n".join(lines), {"judge": metadata, **flags})


def _dimension_metadata(
    rubric: Rubric, result: DimensionResult, judge_model: str | None, status: str
) -> dict[str, Any]:
    return {
        "score_key": rubric.score_key,
        "rubric_hash": rubric_hash(rubric),
        "judge_model": judge_model,
        "validation": status,
        "judges": rubric.judges,
        "unscored_reason": result.unscored_reason,
        "disagreement_rate": result.disagreement_rate,
        "detail": result.detail,
        "met_by_family": {
            family: {"met": met, "of": judged}
            for family, (met, judged) in met_by_family(result.criteria).items()
        },
        "criteria": [_criterion_metadata(c) for c in result.criteria],
    }


def _criterion_metadata(result: CriterionResult) -> dict[str, Any]:
    return {
        "id": result.criterion,
        "family": criterion_family(result.criterion),
        "status": result.status,
        "votes": list(result.votes),
        "reasons": list(result.reasons),
        "unscored_reason": result.unscored_reason,
        "failures": [{"kind": f.kind, "detail": f.detail, "raw": f.raw} for f in result.failures],
    }


AnswerProvider = Callable[[TaskState], Awaitable[str]]


async def work_dir_answer(state: TaskState) -> str:
    """Agentic mode: the answer judged is the work directory the agent left, as files."""
    del state  # required by inspect's interface; unused here
    left = await take_work_dir_files(sandbox())
    return render_files(left.files)


def with_judges(
    grade: ScoreFunction,
    records: Mapping[str, TaskRecord],
    answer: AnswerProvider | None = None,
    settings: JudgeSettings | None = None,
) -> ScoreFunction:
    """`grade`'s Score with the judge keys, explanation and metadata merged in.

    `answer` gives the text judged (default: the final completion).
    """

    async def score(state: TaskState, target: Target) -> Score:
        base = await grade(state, target)
        answer_text = await answer(state) if answer else None
        judged = await judge_sample(state, records[str(state.sample_id)], answer_text, settings)
        return merge_judged(base, judged)

    return score


def merge_judged(base: Score, judged: JudgedScores) -> Score:
    value = dict(base.value) if isinstance(base.value, dict) else {}
    metadata = {**(base.metadata or {}), **judged.metadata}
    unscored = {k: r["unscored_reason"] for k, r in judged.metadata["judge"].items()}
    if any(unscored.values()):
        metadata["judge_unscored_reasons"] = {k: v for k, v in unscored.items() if v}
    explanation = "\n".join(part for part in (base.explanation, judged.explanation) if part)
    return Score(value={**value, **judged.values}, explanation=explanation, metadata=metadata)
