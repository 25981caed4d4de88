"""`archbench validate`: every task's gold answer and hidden tests are checked before use.

- implement and refactor: the reference passes every hidden test on 3 runs, the first with a
  canary planted at every site grading may choose (`core/canaries/`): each canary must fail
  there by its assertion, and the real tests must still pass beside them; on the starter every
  fail-to-pass test fails and every pass-to-pass test (`pass_to_pass:` in task.yaml) passes, and
  there is at least one fail-to-pass test (an empty set would score 1 for doing nothing);
- a refactor task is held to the same rule: its stated new boundaries are fail-to-pass, its
  public-behaviour and differential tests pass-to-pass, so an untouched starter scores 0;
- review: a seeded sample's category is a slug of the review vocabulary
  (datasets/review/categories.yaml; checked on every run, never cached); its bug span lies
  inside its file, fits the grader's span cap and overlaps the lines the fix changes; its tests
  fail on the code under review by an assertion (only an `easy` sample may be exposed by crashes
  alone) and pass on the fix; a clean twin's tests pass on its code; every known second issue
  (`also_acceptable:`) names a file of `code/` and a span inside it, off the bug's lines.
Results are cached by each task's content hash, so unchanged tasks are not re-run.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from archbench.commands._mutant_gate import ColdCacheError, gate_tasks
from archbench.core.canaries import CanaryPlan, unsound_canaries, validation_canaries
from archbench.core.code_validation import starter_problem
from archbench.core.dataset import CodeTaskSpec, ReviewTaskSpec, TaskRecord
from archbench.core.mutation_gate import GateVerdict, table
from archbench.core.registry import code_kinds, kinds_where
from archbench.core.review_validation import (
    category_problem,
    code_run_problem,
    exposure_detail,
    span_problems,
)
from archbench.core.test_results import TestRunSummary, expected_tests, spec_adherence
from archbench.io.datasets import load_kind, load_review_vocabulary
from archbench.runner import LocalWorkspace, run_hidden_tests

from ._validate_stats import stats_report
from ._validation_cache import cached_verdict, remember_verdict

VALIDATED_KINDS = kinds_where(hidden_tests=True)
# The mutant gate: the hidden tests must kill mutants of the reference solution.
GATED_KINDS = code_kinds()
REFERENCE_RUNS = 3
# 2: fail-to-pass / pass-to-pass rule; 3: review spans, assertion kills; 4: canaries (code
# tasks only: a review task's verdict did not change, its cached one still holds);
# 5: verdicts carry the null and reference scores (`--stats`)
CACHE_VERSIONS = {"review": "3", "implement": "5", "refactor": "5"}


@dataclass(frozen=True)
class Verdict:
    task: str
    kind: str
    valid: bool
    detail: str
    # spec_adherence of the untouched starter ("null": an empty answer) and of the reference,
    # as this validation measured them (code tasks only; `validate --stats` shows them).
    scores: dict[str, float] = field(default_factory=dict)


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("validate", help="check every task's gold answer and tests")
    parser.add_argument(
        "--kind", choices=VALIDATED_KINDS, action="append",
        help="check only this kind of task (repeatable; default: all three)",
    )  # fmt: skip
    parser.add_argument("--no-cache", action="store_true", help="re-run every task")
    parser.add_argument("--jobs", type=int, default=2, help="tasks checked at once (default: 2)")
    parser.add_argument(
        "--mutants",
        action="store_true",
        help="also gate test strength: the hidden tests must kill 90%% of the reference's "
        "non-equivalent mutants (cached in datasets/mutation-cache.json)",
    )
    parser.add_argument(
        "--cached-only",
        action="store_true",
        help="with --mutants: fail a task whose mutation cache is cold instead of running it (CI)",
    )
    parser.add_argument(
        "--table", action="store_true", help="with --mutants: print the kill-rate Markdown table"
    )
    parser.add_argument(
        "--stats",
        action="store_true",
        help="print, per kind and tier: tasks, starter lines, tests, and the scores of null, "
        "reference and the recorded independent solutions",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    kinds = tuple(args.kind or VALIDATED_KINDS)
    verdicts = asyncio.run(validate_all(kinds, not args.no_cache, args.jobs))
    if args.mutants:
        verdicts += asyncio.run(mutant_verdicts(kinds, args.cached_only, args.jobs, args.table))
    _print_verdicts(verdicts)
    if args.stats:
        print(stats_report(kinds, {v.task: v.scores for v in verdicts if v.valid and v.scores}))
    invalid = [v for v in verdicts if not v.valid]
    print(f"{len(verdicts) - len(invalid)} valid, {len(invalid)} invalid")
    return 1 if invalid else 0


def _print_verdicts(verdicts: list[Verdict]) -> None:
    for verdict in verdicts:
        status = "ok" if verdict.valid else "INVALID"
        print(f"{status:<8} {verdict.kind:<10} {verdict.task:<45} {verdict.detail}")


async def mutant_verdicts(
    kinds: tuple[str, ...], cached_only: bool, jobs: int, print_table: bool = False
) -> list[Verdict]:
    """The mutant gate of every implement and refactor task, as validation verdicts."""
    records = [r for kind in kinds if kind in GATED_KINDS for r in load_kind(kind).records]  # type: ignore[arg-type]
    started = time.perf_counter()
    gated = await gate_tasks(records, cached_only, jobs)
    if not cached_only:
        print(f"mutant gate: {len(records)} tasks in {time.perf_counter() - started:.0f} s")
    if print_table:
        print(table([g for g in gated if isinstance(g, GateVerdict)]))
    return [_gate_verdict(record, g) for record, g in zip(records, gated, strict=True)]


def _gate_verdict(record: TaskRecord, gated: GateVerdict | ColdCacheError) -> Verdict:
    kind = f"{record.kind}:mutants"
    if isinstance(gated, ColdCacheError):
        return Verdict(record.id, kind, False, str(gated))
    detail = gated.summary() if gated.passed else gated.explanation()
    return Verdict(record.id, kind, gated.passed, detail)


async def validate_all(kinds: tuple[str, ...], use_cache: bool, jobs: int) -> list[Verdict]:
    verdicts: list[Verdict] = []
    records: list[TaskRecord] = []
    for kind in kinds:
        loaded = load_kind(kind)  # type: ignore[arg-type]
        verdicts += [Verdict(e.task, kind, False, str(e)) for e in loaded.errors]
        records += loaded.records
    limit = asyncio.Semaphore(jobs)

    async def one(record: TaskRecord) -> Verdict:
        async with limit:
            return await _cached_verdict(record, use_cache)

    verdicts += await asyncio.gather(*(one(record) for record in records))
    return sorted(verdicts, key=lambda v: (v.kind, v.task))


async def _cached_verdict(record: TaskRecord, use_cache: bool) -> Verdict:
    # The vocabulary is not part of a task's content hash: its check is cheap and never cached.
    category = _category_verdict(record)
    if category is not None:
        return category
    cached = cached_verdict(record, CACHE_VERSIONS[record.kind]) if use_cache else None
    if cached is not None:
        return Verdict(**cached)
    verdict = await validate_task(record)
    if verdict.valid:  # only successes are cached: a failure is re-checked next time
        remember_verdict(record, CACHE_VERSIONS[record.kind], asdict(verdict))
    return verdict


async def validate_task(record: TaskRecord) -> Verdict:
    spec = record.spec
    if isinstance(spec, ReviewTaskSpec):
        return await _validate_review(record, spec)
    assert isinstance(spec, CodeTaskSpec)
    return await _validate_code(record, spec)


async def _validate_code(record: TaskRecord, spec: CodeTaskSpec) -> Verdict:
    gold_tree = record.laid_over_starter(record.gold)
    canaries = validation_canaries(record.tests, record.content_hash)
    gold, problem = await _reference_runs(gold_tree, record, canaries)
    if problem:
        return _invalid(record, problem)
    starter = await _run(dict(record.shown), record)
    pass_to_pass = spec.pass_to_pass_tests(expected_tests(record.tests))
    problem = starter_problem(starter, pass_to_pass)
    if problem is not None:
        return _invalid(record, problem)
    kept = sum(1 for o in starter.outcomes if o.key in pass_to_pass)
    return Verdict(
        record.id,
        spec.kind,
        True,
        f"{gold.total} tests: {gold.total - kept} fail-to-pass fail on the starter, "
        f"{kept} pass-to-pass pass on it; {len(canaries.canaries)} canaries fail on the reference",
        {
            "null": spec_adherence(starter, pass_to_pass).value,
            "reference": spec_adherence(gold, pass_to_pass).value,
        },
    )


async def _reference_runs(
    tree: dict[str, str], record: TaskRecord, canaries: CanaryPlan
) -> tuple[TestRunSummary, str | None]:
    """The reference's runs (the first with every canary) and the first problem, if any."""
    for attempt in range(1, REFERENCE_RUNS + 1):
        gold = await _run(tree, record, canaries if attempt == 1 else None)
        # First: a canary passing on the reference also zeroes the run as tampered.
        problem = unsound_canaries(gold, canaries) if attempt == 1 else None
        if problem is None and not _all_pass(gold):
            problem = f"reference run {attempt}: {gold.explanation(limit=3)}"
        if problem:
            break
    return gold, problem


def _category_verdict(record: TaskRecord) -> Verdict | None:
    spec = record.spec
    if not isinstance(spec, ReviewTaskSpec):
        return None
    problem = category_problem(spec, load_review_vocabulary())
    return None if problem is None else _invalid(record, problem)


async def _validate_review(record: TaskRecord, spec: ReviewTaskSpec) -> Verdict:
    category = _category_verdict(record)
    if category is not None:
        return category
    # The span is checked first: it needs no test run, and a wrong span makes `reference` lie.
    span = span_problems(spec, record.shown, record.gold)
    if span:
        return _invalid(record, "; ".join(span))
    code = await _run(dict(record.shown), record)
    problem = code_run_problem(spec, code)
    if problem is not None:
        return _invalid(record, problem)
    if spec.bug is None:
        return Verdict(record.id, "review", True, f"clean twin, {code.total} tests pass")
    fixed = await _run({**record.shown, **record.gold}, record)
    if not _all_pass(fixed):
        return _invalid(record, f"the fix does not pass: {fixed.explanation(limit=3)}")
    return Verdict(record.id, "review", True, exposure_detail(code))


async def _run(
    files: dict[str, str], record: TaskRecord, canaries: CanaryPlan | None = None
) -> TestRunSummary:
    with tempfile.TemporaryDirectory(prefix="archbench-validate-") as folder:
        run = await run_hidden_tests(
            LocalWorkspace(Path(folder)), files, record.tests, canaries=canaries
        )
    return run.summary


def _all_pass(summary: TestRunSummary) -> bool:
    return summary.total > 0 and summary.passed == summary.total


def _invalid(record: TaskRecord, detail: str) -> Verdict:
    return Verdict(record.id, record.kind, False, detail)
