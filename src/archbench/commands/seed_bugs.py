"""`archbench seed-bugs`: write `review` samples by mutating the gold code of backend tasks.

The clean code is each `implement`/`refactor` task's reference laid over its starter; its hidden
tests decide which mutants are kept (`core.mutation.is_killed`). Candidates are tried in a
seeded, category-balanced order and accepted in that order, so the same seed and the same
source tasks give byte-identical samples even though the tests run in parallel. Each sample is
validated as it is written (`archbench validate`'s own check) and removed if invalid.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import tempfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, cast

import yaml

from archbench.commands.validate import validate_task
from archbench.core.dataset import CodeTaskSpec, TaskKind, TaskRecord
from archbench.core.mutation import (
    CATEGORIES,
    BalancedPicker,
    Candidate,
    Quota,
    is_killed,
    mutants_of,
    plan_queues,
    quota_for,
)
from archbench.core.registry import kinds_where
from archbench.core.test_results import TestRunSummary
from archbench.io.datasets import load_kind, load_task
from archbench.io.paths import datasets_dir
from archbench.runner import LocalWorkspace, run_hidden_tests

SAMPLE_PREFIX = "mut-"
SOURCE_KINDS = cast(tuple[TaskKind, ...], kinds_where(mutation_source=True))
DEFAULT_SEED = 20261126
DEFAULT_COUNT = 64
PLAN_PREVIEW = 5
# Ways a user asks for a review: none of them hints at what is wrong.
REQUEST_TEMPLATES = (
    "Here's my `{module}` module, can you review it?\n",
    "Could you review `{file}`? It's part of our {package} package and I'd like a second pair "
    "of eyes before it goes to production.\n",
    "I just finished working on the {package} code. Can you take a look at `{file}` and tell me "
    "if anything should change before I open a pull request?\n",
    "Please do a code review of the {package} package, starting with `{file}`. Flag anything "
    "you would block the merge on.\n",
    "We're about to ship this. Can you review `{file}` and point out anything that worries you?\n",
    "Here's the {package} package from our backend. Can you review it and tell me what you "
    "would fix first?\n",
)


@dataclass(frozen=True)
class SeedSettings:
    seed: int
    count: int
    out: Path
    jobs: int


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "seed-bugs", help="write review samples by mutating the gold code of backend tasks"
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="the same seed writes the same samples"
    )
    parser.add_argument(
        "--count",
        type=int,
        default=DEFAULT_COUNT,
        help=f"samples to write (default: {DEFAULT_COUNT})",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="folder for the samples (default datasets/review)"
    )
    parser.add_argument("--jobs", type=int, default=2, help="hidden-test runs in parallel")
    parser.add_argument(
        "--dry-run", action="store_true", help="print the seeded plan; run and write nothing"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = SeedSettings(args.seed, args.count, args.out or datasets_dir() / "review", args.jobs)
    records = _source_records()
    candidates = _candidates(records.values())
    queues = plan_queues(candidates, settings.seed)
    quota = quota_for(settings.count, len(CATEGORIES), len(records))
    if args.dry_run:
        _print_plan(queues, quota)
        return 0
    _remove_previous_samples(settings.out)
    accepted = asyncio.run(_generate(BalancedPicker(queues, quota), records, settings))
    _print_summary(accepted, len(candidates))
    return 0 if len(accepted) >= settings.count else 1


def _source_records() -> dict[str, TaskRecord]:
    records: dict[str, TaskRecord] = {}
    for kind in SOURCE_KINDS:
        loaded = load_kind(kind)
        for error in loaded.errors:
            print(f"skipped source task: {error}")
        records.update((record.id, record) for record in loaded.records)
    return records


def _clean_tree(record: TaskRecord) -> dict[str, str]:
    """The gold solution as it runs: the reference laid over the starter, minus deletions."""
    spec = record.spec
    deleted = set(spec.delete) if isinstance(spec, CodeTaskSpec) else set()
    return {k: v for k, v in {**record.shown, **record.gold}.items() if k not in deleted}


def _candidates(records: Any) -> list[Candidate]:
    candidates: list[Candidate] = []
    for record in records:
        for path, text in sorted(record.gold.items()):
            if PurePosixPath(path).suffix == ".py":
                candidates += [Candidate(record.id, m) for m in mutants_of(text, path)]
    return candidates


def _remove_previous_samples(out: Path) -> None:
    """A regenerated set replaces the previous one, so no stale mutant survives a re-run."""
    if out.is_dir():
        for folder in sorted(out.glob(f"{SAMPLE_PREFIX}*")):
            if folder.is_dir():
                shutil.rmtree(folder)


async def _generate(
    picker: BalancedPicker, records: Mapping[str, TaskRecord], settings: SeedSettings
) -> list[Candidate]:
    """Feed the picker verdicts until `count` samples are kept. The picker's `upcoming`
    candidates are tested ahead of time, `jobs` at once; verdicts are still fed in the picker's
    order, so the result is that of a sequential run."""
    limit = asyncio.Semaphore(settings.jobs)
    checks: dict[str, asyncio.Task[TestRunSummary]] = {}

    async def kill_check(candidate: Candidate) -> TestRunSummary:
        async with limit:
            record = records[candidate.source_task]
            return await _run_tests(_mutated_tree(candidate, records), record)

    def check_of(candidate: Candidate) -> asyncio.Task[TestRunSummary]:
        key = _sample_id(candidate)
        if key not in checks:
            checks[key] = asyncio.create_task(kill_check(candidate))
        return checks[key]

    while len(picker.accepted) < settings.count:
        candidate = picker.next_candidate()
        if candidate is None:
            break
        for upcoming in picker.upcoming(2 * settings.jobs):
            check_of(upcoming)
        kept = is_killed(await check_of(candidate))
        kept = kept and await _write_valid_sample(candidate, records, settings)
        picker.record(candidate, kept)
        if kept:
            print(f"kept     {_sample_id(candidate)}  {candidate.mutant.category}")
    await asyncio.gather(*checks.values())  # let started runs finish: none is left behind
    return picker.accepted


def _mutated_tree(candidate: Candidate, records: Mapping[str, TaskRecord]) -> dict[str, str]:
    tree = _clean_tree(records[candidate.source_task])
    tree[candidate.mutant.path] = candidate.mutant.source
    return tree


async def _run_tests(files: dict[str, str], record: TaskRecord) -> TestRunSummary:
    with tempfile.TemporaryDirectory(prefix="archbench-seed-") as folder:
        run = await run_hidden_tests(LocalWorkspace(Path(folder)), files, record.tests)
    return run.summary


async def _write_valid_sample(
    candidate: Candidate, records: Mapping[str, TaskRecord], settings: SeedSettings
) -> bool:
    folder = settings.out / _sample_id(candidate)
    _write_sample(folder, candidate, records[candidate.source_task], settings.seed)
    verdict = await validate_task(load_task(folder, "review"))
    if not verdict.valid:
        print(f"dropped  {folder.name}: {verdict.detail}")
        shutil.rmtree(folder)
    return verdict.valid


def _sample_id(candidate: Candidate) -> str:
    return f"{SAMPLE_PREFIX}{candidate.source_task}-{candidate.mutant.key[:6]}"


def _write_sample(folder: Path, candidate: Candidate, record: TaskRecord, seed: int) -> None:
    mutant = candidate.mutant
    files = {
        **{f"code/{path}": text for path, text in _clean_tree(record).items()},
        f"code/{mutant.path}": mutant.source,
        **{f"tests/{path}": text for path, text in record.tests.items()},
        f"reference/{mutant.path}": record.gold[mutant.path],
        "task.yaml": _task_yaml(folder.name, candidate, record),
        "request.md": _request(folder.name, mutant.path, seed),
    }
    for relative, text in sorted(files.items()):
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _task_yaml(sample_id: str, candidate: Candidate, record: TaskRecord) -> str:
    mutant = candidate.mutant
    task = {
        "id": sample_id,
        "kind": "review",
        "title": f"Seeded {mutant.category} bug in {mutant.path} ({record.id})",
        "tags": ["mutation", mutant.category],
        "difficulty": "medium",
        "origin": "mutation",
        "category": mutant.category,
        "bug": {
            "file": mutant.path,
            "lines": list(mutant.lines),
            "description": f"{mutant.description} (operator: {mutant.operator})",
        },
        "source_task": record.id,
        "dependencies": list(record.spec.dependencies),
    }
    return yaml.safe_dump(task, sort_keys=False, allow_unicode=True, width=100)


def _request(sample_id: str, path: str, seed: int) -> str:
    """A natural review request, its phrasing drawn from the seed and the sample."""
    rng = random.Random(f"{seed}:{sample_id}")
    file = PurePosixPath(path)
    package = file.parts[0] if len(file.parts) > 1 else file.stem
    module = ".".join(file.with_suffix("").parts)
    return rng.choice(REQUEST_TEMPLATES).format(module=module, file=path, package=package)


def _print_plan(queues: list[list[Candidate]], quota: Quota) -> None:
    """Each category's queue in the order its candidates would be tried."""
    total = sum(len(queue) for queue in queues)
    print(f"{total} candidates; quota {quota.per_category}/category, {quota.per_task}/task")
    for queue in queues:
        print(f"{queue[0].mutant.category}: {len(queue)} candidates, first:")
        for candidate in queue[:PLAN_PREVIEW]:
            mutant = candidate.mutant
            print(f"  {_sample_id(candidate):<58} {mutant.path}:{mutant.lines[0]}")


def _print_summary(accepted: list[Candidate], planned: int) -> None:
    by_category = Counter(candidate.mutant.category for candidate in accepted)
    by_task = Counter(candidate.source_task for candidate in accepted)
    print(f"{len(accepted)} samples written from {planned} candidates")
    print("by category: " + ", ".join(f"{k} {v}" for k, v in sorted(by_category.items())))
    print("by source task: " + ", ".join(f"{k} {v}" for k, v in sorted(by_task.items())))
