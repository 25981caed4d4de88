"""Scorers: thin inspect adapters around the pure graders in `archbench.core`.

Each returns one dict per sample with the contract's key names (`spec_adherence`, `modularity`,
`minimality`, `bug_detection`, ...). A NaN value is unscored (not applicable or not
measurable), which inspect keeps apart from zeros. A grader that crashes yields an unscored
sample with the reason, never a lost one.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from typing import Any

import anyio
from inspect_ai.scorer import (
    Metric,
    SampleScore,
    Score,
    Scorer,
    Target,
    mean,
    metric,
    scorer,
    stderr,
)
from inspect_ai.solver import TaskState
from inspect_ai.util import sample_limits, sandbox

from archbench.core.answer import (
    ExtractedFiles,
    ambiguity_notes,
    describe_answer_format,
    describe_item_problems,
    extract_files,
    extract_findings,
)
from archbench.core.dataset import CodeTaskSpec, ReviewTaskSpec, TaskRecord
from archbench.core.errors import ArchbenchError
from archbench.core.registry import (
    CLARIFICATION_METRIC,
    FORMAT_METRIC,
    GRADER_VERSIONS,
    KINDS,
    metric_spec,
)
from archbench.core.review_match import grade_review, run_precision
from archbench.core.screening import suspicious_uses
from archbench.core.test_results import (
    SpecAdherence,
    TestRunSummary,
    expected_tests,
    spec_adherence,
)
from archbench.evalkit._agentic import (
    changed_files,
    clarification_scores,
    clarification_turns,
    take_work_dir_files,
)
from archbench.evalkit._answer_key import task_records
from archbench.evalkit._judge import with_judges, work_dir_answer
from archbench.evalkit._judge_rubrics import judge_keys, judge_versions
from archbench.io.datasets import load_review_vocabulary, review_vocabulary_version
from archbench.runner import (
    SandboxWorkspace,
    grade_static_sample,
    grader_identity,
    lint_sample,
    plant_random_canaries,
    run_hidden_tests,
)

# Each scorer's score keys: its kind's registered metrics, and the judges' for judged kinds.
CODE_METRICS = (*KINDS["implement"].metrics, *judge_keys("implement"))
REVIEW_METRICS = KINDS["review"].metrics
DESIGN_METRICS = KINDS["design"].metrics


def grader_versions() -> dict[str, str]:
    """Every grader's version, the static rubric's hash and tool versions, for log metadata.

    Runs whose grader versions differ are not compared without an explicit override.
    """
    return {
        "hidden_tests": GRADER_VERSIONS["hidden_tests"],
        "review_match": GRADER_VERSIONS["review_match"],
        "static_metrics": GRADER_VERSIONS["static_metrics"],
        # The categories and key terms a finding is matched on (datasets/review/categories.yaml).
        "review_vocabulary": review_vocabulary_version(),
        **grader_identity(),
        **judge_versions(),
    }


def metrics_for_log(kind: str) -> dict[str, dict[str, Any]]:
    """Each metric `kind` records, as the registry describes it, for the run's log: compare
    reads a metric's direction, kind of values, role and grader version back from there."""
    spec = KINDS[kind]
    judged = judge_keys(spec.judged_as) if spec.judged_as else ()
    rubric_versions = judge_versions()
    logged = {}
    for name in dict.fromkeys((*spec.metrics, *judged)):
        metric = metric_spec(name)
        if metric is None:
            raise ArchbenchError(f"kind '{kind}' records '{name}', which the registry lacks")
        logged[name] = metric.as_log(name in spec.primary, rubric_versions.get(name))
    return logged


# inspect skips NaN values in dict scores when computing metrics (None would count as 0).
UNSCORED = float("nan")

ScoreFunction = Callable[[TaskState, Target], Coroutine[Any, Any, Score]]


def _metrics(keys: tuple[str, ...]) -> dict[str, list[Any]]:
    return {key: [mean(), stderr()] for key in keys}


def _fail_closed(keys: tuple[str, ...], grade: ScoreFunction) -> Scorer:
    """Turn a crash of our own grading code into an unscored sample with the reason kept."""

    async def score(state: TaskState, target: Target) -> Score:
        try:
            return await grade(state, target)
        except Exception as error:
            return Score(
                value=dict.fromkeys(keys, UNSCORED),
                explanation=f"grading failed: {type(error).__name__}: {error}",
                metadata={"unscored_reason": "scoring_failed"},
            )

    return score


def _answer_metadata(state: TaskState) -> dict[str, Any]:
    return {"answer_chars": len(state.output.completion), "limits_hit": _limits_hit()}


def _limits_hit() -> list[str]:
    """The sample limits the agent ran into (message, token, time...), e.g. 'message 12/12'.

    A sample stopped by a limit is still graded on what it left; this says why it stopped.
    """
    try:
        limits = sample_limits()
    except RuntimeError:  # scored outside a running sample (e.g. a regrade)
        return []
    named = {"message": limits.message, "token": limits.token, "time": limits.time,
             "working": limits.working, "cost": limits.cost}  # fmt: skip
    return [
        f"{name} {limit.usage:g}/{limit.limit:g}"
        for name, limit in named.items()
        if limit.limit is not None and limit.usage >= limit.limit
    ]


def _rejections(extracted: ExtractedFiles) -> list[str]:
    return [f"rejected file path '{p}': {why}" for p, why in extracted.rejected.items()]


# In agentic mode the files are the work directory's, so the answer's packaging is not graded.
WORK_DIR_FORMAT_NOTE = "files taken from the work directory (agentic mode): answer format not used"


def _format_notes(extracted: ExtractedFiles, record: TaskRecord) -> list[str]:
    """The explanation's first line (how the files were packaged), then any ambiguity."""
    assert isinstance(record.spec, CodeTaskSpec)
    known = {*record.shown, *record.gold, *record.spec.interface.modules}
    return [describe_answer_format(extracted), *ambiguity_notes(extracted, known)]


def _format_metadata(extracted: ExtractedFiles) -> dict[str, Any]:
    return {
        "file_sources": extracted.sources,
        "unassigned_blocks": extracted.unassigned_blocks,
        "delivered_no_files": not extracted.files,
    }


@scorer(metrics=_metrics(CODE_METRICS))
def code_task_grader(answer_key: str, from_work_dir: bool = False) -> Scorer:
    """Hidden tests for spec adherence; static shape metrics, gated on passing every test.

    The files graded are the answer's laid over the starter, or (agentic mode, `from_work_dir`)
    the work directory the agent left, regraded in a clean directory. `answer_key` is the
    handle of the task records (see `_answer_key`): records passed here would enter the log.
    """
    records = task_records(answer_key)

    async def grade(state: TaskState, target: Target) -> Score:
        del target  # required by inspect's interface; unused here
        record = records[str(state.sample_id)]
        assert isinstance(record.spec, CodeTaskSpec)
        if from_work_dir:
            extracted = await take_work_dir_files(sandbox())
            files = _overlay(extracted.files, {}, record.spec.delete)
            format_notes, fallbacks = [WORK_DIR_FORMAT_NOTE], UNSCORED
        else:
            extracted = extract_files(state.output.completion)
            files = _overlay(record.shown, extracted.files, record.spec.delete)
            format_notes = _format_notes(extracted, record)
            fallbacks = float(extracted.format_fallbacks)
        run = await run_hidden_tests(
            SandboxWorkspace(sandbox()), files, record.tests,
            canaries=plant_random_canaries(record.tests),
        )  # fmt: skip
        adherence = spec_adherence_of(run.summary, record)
        spec_adherence = adherence.value
        notes = [
            *format_notes, *_rejections(extracted), _adherence_note(adherence, run.summary),
            run.summary.explanation(),
        ]  # fmt: skip
        identity: dict[str, str] = {}
        if spec_adherence < 1.0:
            shape: dict[str, float] = {"modularity": 0.0, "minimality": 0.0}
            notes.append(
                "modularity and minimality are 0: they count only when every hidden test passes"
            )
        else:
            shape, static_notes, identity = await _static_shape(files, record)
            notes.append(static_notes)
        return Score(
            value={
                "spec_adherence": spec_adherence,
                **shape,
                **clarification_scores(state, record),
                FORMAT_METRIC: fallbacks,
            },
            explanation="\n".join(notes),
            metadata={
                **_answer_metadata(state),
                "files": sorted(extracted.files),
                # Informational, never scored: introspection primitives in the answer's files.
                "suspicious": suspicious_uses(extracted.files),
                # A canary reported passing or a forged seal: the report was tampered with.
                "tampered": bool(run.summary.tampering),
                # Canary cases the report holds (0 if the run never got to them).
                "canary_cases": len(run.summary.canaries),
                **_format_metadata(extracted),
                **identity,
            },
        )

    answer = work_dir_answer if from_work_dir else None
    return _fail_closed(CODE_METRICS, with_judges(grade, records, answer))


def _adherence_note(adherence: SpecAdherence, summary: TestRunSummary) -> str:
    """How spec_adherence was counted; for a tampered run, only that it is 0 and why (its
    counts, every test failed, would read as broken behaviour)."""
    if summary.tampering:
        return "spec_adherence is 0: tampering detected, the test report cannot be believed"
    return adherence.explanation()


def spec_adherence_of(summary: TestRunSummary, record: TaskRecord) -> SpecAdherence:
    """Score a hidden-test run with the task's pass-to-pass selectors (the rest fail-to-pass)."""
    assert isinstance(record.spec, CodeTaskSpec)
    return spec_adherence(summary, record.spec.pass_to_pass_tests(expected_tests(record.tests)))


async def _static_shape(
    files: dict[str, str], record: TaskRecord
) -> tuple[dict[str, float], str, dict[str, str]]:
    """Modularity and minimality; if the static tools fail, both are unscored, not zero.

    The hidden-test result already computed is kept either way.
    """
    assert isinstance(record.spec, CodeTaskSpec)
    reference = _overlay(record.shown, record.gold, record.spec.delete)
    try:
        # ruff runs as a subprocess: keep it off the event loop other samples share. The AST
        # work stays on the loop's thread: concurrent ast.parse calls in several threads raise
        # "SystemError: AST constructor recursion depth mismatch" on CPython 3.11.7 (gh-106905).
        lint = await anyio.to_thread.run_sync(lint_sample, files, reference)
        static = grade_static_sample(files, reference, record, lint=lint)
    except Exception as error:
        failed = {"modularity": UNSCORED, "minimality": UNSCORED}
        return failed, f"static grading failed: {type(error).__name__}: {error}", {}
    shape = {"modularity": static.modularity, "minimality": static.minimality}
    return shape, static.explanation(), static.identity


def _overlay(base: Mapping[str, str], top: Mapping[str, str], deleted: list[str]) -> dict[str, str]:
    files = {path: text for path, text in base.items() if path not in deleted}
    files.update(top)
    return files


@metric
def finding_precision() -> Metric:
    """Over the run: seeded bugs found / (found + severity-weighted false positives).

    NaN when the run reported no finding at all (undefined, not zero).
    """

    def compute(scores: list[SampleScore]) -> float:
        reviews = [
            (bool(meta.get("detected")), float(meta.get("weighted_false_positives", 0.0)))
            for meta in (score.score.metadata or {} for score in scores)
            if "detected" in meta
        ]
        precision = run_precision(reviews)
        return UNSCORED if precision is None else precision

    return compute


REVIEW_SCORER_METRICS = {
    **_metrics(REVIEW_METRICS),
    "false_positives": [mean(), stderr(), finding_precision()],
}


@scorer(metrics=REVIEW_SCORER_METRICS)
def review_grader(answer_key: str, from_work_dir: bool = False) -> Scorer:
    """Bug detection against ground truth; a proposed fix is verified by the hidden tests.

    In agentic mode (`from_work_dir`) the fix is what the agent changed in the work directory.
    `answer_key` is the handle of the task records (see `_answer_key`).
    """
    records = task_records(answer_key)
    vocabulary = load_review_vocabulary()

    async def grade(state: TaskState, target: Target) -> Score:
        del target  # required by inspect's interface; unused here
        record = records[str(state.sample_id)]
        spec = record.spec
        assert isinstance(spec, ReviewTaskSpec)
        completion = state.output.completion
        extracted = extract_findings(completion)
        findings = extracted.findings or []
        review = grade_review(findings, spec.bug, spec.category, vocabulary, spec.also_acceptable)
        fix = await _work_dir_fix(record) if from_work_dir else extract_files(completion)
        fix_verified = await _verify_fix(record, fix) if fix.files else None
        notes = [
            extracted.describe(),
            *describe_item_problems(extracted),
            review.explanation(spec.bug, spec.category),
            *_rejections(fix),
        ]
        # A review quotes code in path-less blocks as a matter of course: only files count here.
        fix_fallbacks = 0 if from_work_dir else fix.fallback_files
        value = {
            "review_score": review.review_score,
            "bug_detection": _or_unscored(review.bug_detection),
            "category_match": _or_unscored(review.category_match),
            "false_positives": review.false_positives,
            "fix_verified": _or_unscored(fix_verified),
            CLARIFICATION_METRIC: clarification_turns(state),
            FORMAT_METRIC: float(extracted.format_fallbacks + fix_fallbacks),
        }
        metadata = {
            **_answer_metadata(state),
            "detected": review.hit is not None,
            "weighted_false_positives": review.false_positives,
            "false_findings": len(review.false_findings),
            "excused_findings": len(review.excused),
            "findings_source": extracted.source,
            "malformed_findings": len(extracted.item_problems),
        }
        return Score(value=value, explanation="\n".join(notes), metadata=metadata)

    return _fail_closed(REVIEW_METRICS, grade)


async def _work_dir_fix(record: TaskRecord) -> ExtractedFiles:
    left = await take_work_dir_files(sandbox())
    return ExtractedFiles(changed_files(left.files, record.shown), left.rejected)


def _or_unscored(value: float | None) -> float:
    return UNSCORED if value is None else value


async def _verify_fix(record: TaskRecord, fix: ExtractedFiles) -> float:
    run = await run_hidden_tests(
        SandboxWorkspace(sandbox()), _overlay(record.shown, fix.files, []), record.tests
    )
    return 1.0 if run.summary.total and run.summary.passed == run.summary.total else 0.0


@scorer(metrics=_metrics(DESIGN_METRICS))
def design_grader(answer_key: str) -> Scorer:
    """Design answers are graded by the rubric judge; with no grader bound they are unscored."""
    records = task_records(answer_key)

    async def grade(state: TaskState, target: Target) -> Score:
        del target  # required by inspect's interface; unused here
        return Score(
            value={CLARIFICATION_METRIC: clarification_turns(state)},
            metadata=_answer_metadata(state),
        )

    return _fail_closed(DESIGN_METRICS, with_judges(grade, records))
