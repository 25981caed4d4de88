"""`archbench seed-bugs`: write `review` samples by mutating the gold code of backend tasks.

The clean code is each `implement`/`refactor` task's reference laid over its starter. Candidates
are tried in a seeded, category-balanced order and accepted in that order, so the same seed and
the same source tasks give byte-identical samples even though the tests run in parallel. A
candidate is kept when (issue 17 item 3):

- it is not a removed `raise` guard whose contract nothing left in the code states
  (`core.mutation._guard_contract`);
- the hidden tests kill it (`core.mutation.is_killed`: some fail, some pass, none errors),
  and not by running far slower than on the clean code (a near hang: see `SLOW_FACTOR`);
- mypy and vulture report nothing on the mutated package that they do not report on the clean
  one (`core.mutation.giveaway`): a bug a tool points at is found without reading the code.

A kept mutant whose failing tests mostly crash rather than fail by an assertion is tagged
`difficulty: easy`. Its category is the problem a reviewer would name, from the operator
family and the names at the mutated node (`mutation_operators` in the review vocabulary). Each
source task with a kept mutant also gets a clean twin: its unmutated code, requested the same
way. Every sample is validated as it is written (`archbench validate`'s own check) and removed
if invalid.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from archbench.commands._seed_samples import (
    SAMPLE_PREFIX,
    SampleLabels,
    clean_tree,
    clean_twin_id,
    sample_id,
    write_clean_twin,
    write_mutant_sample,
)
from archbench.commands._seed_tools import StaticTools
from archbench.commands.validate import validate_task
from archbench.core.dataset import TaskKind, TaskRecord
from archbench.core.mutation import (
    CATEGORIES,
    BalancedPicker,
    Candidate,
    Quota,
    ToolFindings,
    giveaway,
    is_killed,
    mutants_of,
    plan_queues,
    quota_for,
)
from archbench.core.registry import kinds_where
from archbench.core.review_categories import Vocabulary
from archbench.core.review_validation import crash_dominated
from archbench.core.test_results import TestRunSummary
from archbench.io.datasets import load_kind, load_review_vocabulary, load_task
from archbench.io.paths import datasets_dir, project_root
from archbench.runner import LocalWorkspace, run_hidden_tests

SOURCE_KINDS = cast(tuple[TaskKind, ...], kinds_where(mutation_source=True))
DEFAULT_SEED = 20261126
DEFAULT_COUNT = 64
PLAN_PREVIEW = 5
# Why a candidate the picker asked about was not kept (the summary counts each).
NOT_KILLED = "not killed by the hidden tests"
HIDDEN_CONTRACT = "removed guard whose contract the code no longer states"
NEAR_HANG = "nearly hangs: its tests run far slower than on the clean code"
INVALID = "failed validation"
# A killed mutant whose tests run this much slower than the clean code's nearly hangs (a loop
# that runs until a datetime overflows took 34 s against 1 s): under load such a run crosses the
# time limit, so its verdict, and every pick after it, would change from one seeding to the next.
SLOW_FACTOR = 5
SLOW_SECONDS = 10.0


@dataclass(frozen=True)
class SeedSettings:
    seed: int
    count: int
    out: Path
    jobs: int


@dataclass(frozen=True)
class Judgement:
    """The seeder's verdict on one candidate: kept (and how hard), or why not."""

    kept: bool
    reason: str = ""
    easy: bool = False


@dataclass
class SeedReport:
    """What a run kept, dropped (by reason) and tagged easy, for the summary."""

    accepted: list[Candidate] = field(default_factory=list)
    categories: dict[str, str] = field(default_factory=dict)  # sample id -> reviewer category
    easy: list[str] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)
    clean_twins: list[str] = field(default_factory=list)

    def drop(self, reason: str) -> None:
        # Tool findings differ per mutant; the count is per tool.
        self.dropped[reason.partition(":")[0]] += 1


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
    vocabulary = load_review_vocabulary()
    _remove_previous_samples(settings.out)
    report = asyncio.run(
        _generate(BalancedPicker(queues, quota), records, settings, vocabulary)
    )
    asyncio.run(_write_clean_twins(report, records, settings))
    _print_summary(report, len(candidates))
    return 0 if len(report.accepted) >= settings.count else 1


def _source_records() -> dict[str, TaskRecord]:
    records: dict[str, TaskRecord] = {}
    for kind in SOURCE_KINDS:
        loaded = load_kind(kind)
        for error in loaded.errors:
            print(f"skipped source task: {error}")
        records.update((record.id, record) for record in loaded.records)
    return records


def _candidates(records: Iterable[TaskRecord]) -> list[Candidate]:
    candidates: list[Candidate] = []
    for record in records:
        for path, text in sorted(record.gold.items()):
            if path.endswith(".py"):
                candidates += [Candidate(record.id, m) for m in mutants_of(text, path)]
    return candidates


def _remove_previous_samples(out: Path) -> None:
    """A regenerated set replaces the previous one, so no stale mutant survives a re-run."""
    if out.is_dir():
        for folder in sorted(out.glob(f"{SAMPLE_PREFIX}*")):
            if folder.is_dir():
                shutil.rmtree(folder)


@dataclass
class _Judge:
    """Judges candidates, `jobs` hidden-test runs at once; each task's clean tool findings are
    computed once."""

    records: Mapping[str, TaskRecord]
    tools: StaticTools
    limit: asyncio.Semaphore
    baselines: dict[str, asyncio.Task[ToolFindings]] = field(default_factory=dict)
    clean_seconds: dict[str, asyncio.Task[float]] = field(default_factory=dict)

    async def judge(self, candidate: Candidate) -> Judgement:
        if not candidate.mutant.contract_visible:
            return Judgement(False, HIDDEN_CONTRACT)  # no test run needed to tell
        record = self.records[candidate.source_task]
        tree = _mutated_tree(candidate, self.records)
        summary, seconds = await self._timed_run(tree, record)
        if not is_killed(summary):
            return Judgement(False, NOT_KILLED)
        if seconds > max(SLOW_SECONDS, SLOW_FACTOR * await self._clean_run_seconds(record)):
            return Judgement(False, NEAR_HANG)
        found = giveaway(await self._baseline(record), await self.tools.findings(tree))
        if found is not None:
            return Judgement(False, found)
        return Judgement(True, easy=crash_dominated(summary))

    async def _timed_run(
        self, tree: dict[str, str], record: TaskRecord
    ) -> tuple[TestRunSummary, float]:
        async with self.limit:
            started = time.perf_counter()
            summary = await _run_tests(tree, record)
            return summary, time.perf_counter() - started

    def _clean_run_seconds(self, record: TaskRecord) -> asyncio.Task[float]:
        if record.id not in self.clean_seconds:
            clean = self._timed_run(clean_tree(record), record)
            self.clean_seconds[record.id] = asyncio.create_task(_seconds_of(clean))
        return self.clean_seconds[record.id]

    def _baseline(self, record: TaskRecord) -> asyncio.Task[ToolFindings]:
        if record.id not in self.baselines:
            clean = self.tools.findings(clean_tree(record))
            self.baselines[record.id] = asyncio.create_task(clean)
        return self.baselines[record.id]


async def _seconds_of(run: Awaitable[tuple[TestRunSummary, float]]) -> float:
    return (await run)[1]


async def _generate(
    picker: BalancedPicker,
    records: Mapping[str, TaskRecord],
    settings: SeedSettings,
    vocabulary: Vocabulary,
) -> SeedReport:
    """Feed the picker verdicts until `count` samples are kept. The picker's `upcoming`
    candidates are judged ahead of time; verdicts are still fed in the picker's order, so the
    result is that of a sequential run."""
    tools = StaticTools(project_root() / ".archbench-cache" / "seed-mypy")
    judge = _Judge(records, tools, asyncio.Semaphore(settings.jobs))
    judgements: dict[str, asyncio.Task[Judgement]] = {}
    report = SeedReport()

    def judgement_of(candidate: Candidate) -> asyncio.Task[Judgement]:
        key = sample_id(candidate)
        if key not in judgements:
            judgements[key] = asyncio.create_task(judge.judge(candidate))
        return judgements[key]

    while len(picker.accepted) < settings.count:
        candidate = picker.next_candidate()
        if candidate is None:
            break
        for upcoming in picker.upcoming(2 * settings.jobs):
            judgement_of(upcoming)
        judgement = await judgement_of(candidate)
        labels = _labels(candidate, judgement, vocabulary, settings)
        kept = judgement.kept and await _write_valid_sample(candidate, records, settings, labels)
        picker.record(candidate, kept)
        _note(report, candidate, judgement, kept, labels)
    await asyncio.gather(*judgements.values())  # let started runs finish: none is left behind
    report.accepted = list(picker.accepted)
    return report


def _labels(
    candidate: Candidate, judgement: Judgement, vocabulary: Vocabulary, settings: SeedSettings
) -> SampleLabels:
    mutant = candidate.mutant
    category = vocabulary.mutant_category(mutant.category, mutant.site_names)
    return SampleLabels(category, "easy" if judgement.easy else "medium", settings.seed)


def _note(
    report: SeedReport,
    candidate: Candidate,
    judgement: Judgement,
    kept: bool,
    labels: SampleLabels,
) -> None:
    """Count a verdict; print the kept samples and the drops worth reading."""
    name = sample_id(candidate)
    if kept:
        report.categories[name] = labels.category
        if labels.difficulty == "easy":
            report.easy.append(name)
        family = candidate.mutant.category
        print(f"kept     {name}  {labels.category} ({family}, {labels.difficulty})")
        return
    reason = judgement.reason or INVALID  # judged worth keeping, then refused by validation
    report.drop(reason)
    if reason != INVALID:  # validation printed its own reason
        print(f"dropped  {name}: {reason}")


def _mutated_tree(candidate: Candidate, records: Mapping[str, TaskRecord]) -> dict[str, str]:
    tree = clean_tree(records[candidate.source_task])
    tree[candidate.mutant.path] = candidate.mutant.source
    return tree


async def _run_tests(files: dict[str, str], record: TaskRecord) -> TestRunSummary:
    with tempfile.TemporaryDirectory(prefix="archbench-seed-") as folder:
        run = await run_hidden_tests(LocalWorkspace(Path(folder)), files, record.tests)
    return run.summary


async def _write_valid_sample(
    candidate: Candidate,
    records: Mapping[str, TaskRecord],
    settings: SeedSettings,
    labels: SampleLabels,
) -> bool:
    folder = settings.out / sample_id(candidate)
    write_mutant_sample(folder, candidate, records[candidate.source_task], labels)
    return await _kept_if_valid(folder)


async def _kept_if_valid(folder: Path) -> bool:
    verdict = await validate_task(load_task(folder, "review"))
    if not verdict.valid:
        print(f"dropped  {folder.name}: {verdict.detail}")
        shutil.rmtree(folder)
    return verdict.valid


async def _write_clean_twins(
    report: SeedReport, records: Mapping[str, TaskRecord], settings: SeedSettings
) -> None:
    """One clean twin per source task that gave a kept mutant (issue 17 item 5)."""
    for task in sorted({candidate.source_task for candidate in report.accepted}):
        folder = settings.out / clean_twin_id(records[task])
        write_clean_twin(folder, records[task], settings.seed)
        if await _kept_if_valid(folder):
            report.clean_twins.append(folder.name)


def _print_plan(queues: list[list[Candidate]], quota: Quota) -> None:
    """Each category's queue in the order its candidates would be tried."""
    total = sum(len(queue) for queue in queues)
    print(f"{total} candidates; quota {quota.per_category}/category, {quota.per_task}/task")
    for queue in queues:
        print(f"{queue[0].mutant.category}: {len(queue)} candidates, first:")
        for candidate in queue[:PLAN_PREVIEW]:
            mutant = candidate.mutant
            print(f"  {sample_id(candidate):<58} {mutant.path}:{mutant.lines[0]}")


def _print_summary(report: SeedReport, planned: int) -> None:
    accepted = report.accepted
    print(f"{len(accepted)} samples written from {planned} candidates, {len(report.easy)} easy")
    print("dropped: " + (_counts(report.dropped) or "none"))
    print(f"clean twins: {len(report.clean_twins)}")
    print("by category: " + _counts(Counter(report.categories.values())))
    print("by operator family: " + _counts(Counter(c.mutant.category for c in accepted)))
    print("by source task: " + _counts(Counter(c.source_task for c in accepted)))


def _counts(counter: Mapping[str, int]) -> str:
    return ", ".join(f"{key} {n}" for key, n in sorted(counter.items()))
