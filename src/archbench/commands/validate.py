"""`archbench validate`: every task's gold answer and hidden tests are checked before use.

- implement: the reference passes every hidden test on 3 runs; the starter fails at least one
  (an empty FAIL_TO_PASS set would score 1 for doing nothing);
- refactor: the reference and the starter both pass every hidden test;
- review: a seeded sample's tests fail on the code under review by an assertion and pass on the
  fix; a clean twin's tests pass on its code.
Results are cached by each task's content hash, so unchanged tasks are not re-run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from archbench.core.dataset import CodeTaskSpec, ReviewTaskSpec, TaskRecord
from archbench.core.test_results import TestRunSummary
from archbench.datasets import load_kind
from archbench.grading import LocalWorkspace, run_hidden_tests
from archbench.paths import project_root

VALIDATED_KINDS = ("implement", "refactor", "review")
REFERENCE_RUNS = 3
CACHE_VERSION = "1"


@dataclass(frozen=True)
class Verdict:
    task: str
    kind: str
    valid: bool
    detail: str


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("validate", help="check every task's gold answer and tests")
    parser.add_argument("--kind", choices=VALIDATED_KINDS, action="append")
    parser.add_argument("--no-cache", action="store_true", help="re-run every task")
    parser.add_argument("--jobs", type=int, default=2)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    verdicts = asyncio.run(
        validate_all(tuple(args.kind or VALIDATED_KINDS), not args.no_cache, args.jobs)
    )
    for verdict in verdicts:
        status = "ok" if verdict.valid else "INVALID"
        print(f"{status:<8} {verdict.kind:<10} {verdict.task:<45} {verdict.detail}")
    invalid = [v for v in verdicts if not v.valid]
    print(f"{len(verdicts) - len(invalid)} valid, {len(invalid)} invalid")
    return 1 if invalid else 0


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


def _cache_file(record: TaskRecord) -> Path:
    return (
        project_root()
        / ".archbench-cache"
        / "validation"
        / f"{CACHE_VERSION}-{record.content_hash}.json"
    )


async def _cached_verdict(record: TaskRecord, use_cache: bool) -> Verdict:
    cache = _cache_file(record)
    if use_cache and cache.is_file():
        return Verdict(**json.loads(cache.read_text()))
    verdict = await validate_task(record)
    if verdict.valid:  # only successes are cached: a failure is re-checked next time
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(asdict(verdict)))
    return verdict


async def validate_task(record: TaskRecord) -> Verdict:
    spec = record.spec
    if isinstance(spec, ReviewTaskSpec):
        return await _validate_review(record, spec)
    assert isinstance(spec, CodeTaskSpec)
    return await _validate_code(record, spec)


async def _validate_code(record: TaskRecord, spec: CodeTaskSpec) -> Verdict:
    gold_tree = {k: v for k, v in {**record.shown, **record.gold}.items() if k not in spec.delete}
    for attempt in range(1, REFERENCE_RUNS + 1):
        gold = await _run(gold_tree, record)
        if not _all_pass(gold):
            return _invalid(record, f"reference run {attempt}: {gold.explanation(limit=3)}")
    starter = await _run(dict(record.shown), record)
    problem = _starter_problem(spec, starter)
    if problem is not None:
        return _invalid(record, problem)
    fail_to_pass = starter.total - starter.passed
    return Verdict(
        record.id, spec.kind, True, f"{gold.total} tests, {fail_to_pass} fail on the starter"
    )


def _starter_problem(spec: CodeTaskSpec, starter: TestRunSummary) -> str | None:
    """An implement task's starter must fail some hidden test; a refactor's must pass them all."""
    if spec.kind == "implement" and _all_pass(starter):
        return "the starter already passes every hidden test (empty FAIL_TO_PASS)"
    if spec.kind == "refactor" and not _all_pass(starter):
        return f"the starter fails: {starter.explanation(limit=3)}"
    return None


async def _validate_review(record: TaskRecord, spec: ReviewTaskSpec) -> Verdict:
    code = await _run(dict(record.shown), record)
    if spec.bug is None:
        if not _all_pass(code):
            return _invalid(record, f"clean twin fails its tests: {code.explanation(limit=3)}")
        return Verdict(record.id, "review", True, f"clean twin, {code.total} tests pass")
    if not any(f.outcome == "failed" for f in code.failures):
        return _invalid(
            record, f"no test fails by an assertion on the buggy code: {code.explanation(limit=3)}"
        )
    fixed = await _run({**record.shown, **record.gold}, record)
    if not _all_pass(fixed):
        return _invalid(record, f"the fix does not pass: {fixed.explanation(limit=3)}")
    failing = code.total - code.passed
    return Verdict(record.id, "review", True, f"{failing}/{code.total} tests expose the bug")


async def _run(files: dict[str, str], record: TaskRecord) -> TestRunSummary:
    with tempfile.TemporaryDirectory(prefix="archbench-validate-") as folder:
        run = await run_hidden_tests(LocalWorkspace(Path(folder)), files, record.tests)
    return run.summary


def _all_pass(summary: TestRunSummary) -> bool:
    return summary.total > 0 and summary.passed == summary.total


def _invalid(record: TaskRecord, detail: str) -> Verdict:
    return Verdict(record.id, record.kind, False, detail)
