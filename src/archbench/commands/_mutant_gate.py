"""`archbench validate --mutants`: run every mutant of each code task's reference, cached.

A run is keyed by the content hash of the graded tree (starter + reference), the hidden tests
and the mutation engine's own source (`core.mutation_gate.run_key`). The cache is one committed
file, `datasets/mutation-cache.json`, because that is how CI gets it warm: CI passes
`cached_only=True` and a task whose entry is missing or stale fails the gate (it is never
skipped); `make mutants` refreshes the cache with a cold run.

The cache keeps, per task, the run key, the number of mutants and the ids of the survivors. The
mutants themselves are regenerated (pure and fast) to show a survivor's diff.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import archbench.core.mutation as mutation_engine
from archbench.core.dataset import CodeTaskSpec, TaskRecord
from archbench.core.mutation import Mutant, mutants_of
from archbench.core.mutation_gate import (
    GateVerdict,
    MutationRun,
    judge,
    mutant_result,
    run_key,
)
from archbench.io.paths import datasets_dir
from archbench.runner import LocalWorkspace, run_hidden_tests

CACHE_FILE_NAME = "mutation-cache.json"
# Bump when what a verdict means changes outside the engine (e.g. the kill rule).
RUN_VERSION = "1"
# A mutant that loops forever is killed by the time limit; a correct run takes ~1 s.
MUTANT_TIMEOUT_SECONDS = 30


class ColdCacheError(LookupError):
    """The committed mutation cache holds no current run for a task (CI never runs cold)."""


@dataclass(frozen=True)
class CachedRun:
    key: str
    mutants: int
    survivors: list[str]


def cache_path() -> Path:
    return datasets_dir() / CACHE_FILE_NAME


def engine_fingerprint() -> str:
    """A hash of the mutation engine's source: changing an operator invalidates every run."""
    folder = Path(mutation_engine.__file__).parent
    digest = hashlib.sha256(RUN_VERSION.encode())
    for source in sorted(folder.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def graded_tree(record: TaskRecord) -> dict[str, str]:
    """The reference as it runs: laid over the starter, minus the files the refactor deletes."""
    return record.laid_over_starter(record.gold)


def task_key(record: TaskRecord) -> str:
    files = [(f"tree/{p}", t.encode()) for p, t in graded_tree(record).items()]
    files += [(f"tests/{p}", t.encode()) for p, t in record.tests.items()]
    return run_key(files, engine_fingerprint())


def reference_mutants(record: TaskRecord) -> list[Mutant]:
    """Every mutant of every Python file of the reference, in a stable order."""
    mutants: list[Mutant] = []
    for path, text in sorted(record.gold.items()):
        if PurePosixPath(path).suffix == ".py":
            mutants += mutants_of(text, path)
    return mutants


def load_cache(path: Path) -> dict[str, CachedRun]:
    if not path.is_file():
        return {}
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        return {task: CachedRun(**entry) for task, entry in data["tasks"].items()}
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path}: not a mutation cache ({error}); delete it and rerun") from error


def save_cache(path: Path, runs: dict[str, CachedRun]) -> None:
    tasks = {task: runs[task].__dict__ for task in sorted(runs)}
    path.write_text(json.dumps({"tasks": tasks}, indent=1, sort_keys=True) + "\n", "utf-8")


async def gate_tasks(
    records: list[TaskRecord], cached_only: bool, jobs: int, path: Path | None = None
) -> list[GateVerdict | ColdCacheError]:
    """The gate verdict of each task, from the cache or (unless `cached_only`) a cold run."""
    path = path or cache_path()
    cache = load_cache(path)
    limit = asyncio.Semaphore(jobs)
    verdicts: list[GateVerdict | ColdCacheError] = []
    for record in records:
        try:
            run = await _current_run(record, cache, cached_only, limit)
        except ColdCacheError as error:
            verdicts.append(error)
            continue
        if not cached_only:
            save_cache(path, cache)  # after each task, so an interrupted cold run keeps its work
        verdicts.append(judge(run, [m.id for m in _spec(record).equivalent_mutants]))
    return verdicts


async def _current_run(
    record: TaskRecord, cache: dict[str, CachedRun], cached_only: bool, limit: asyncio.Semaphore
) -> MutationRun:
    key = task_key(record)
    mutants = reference_mutants(record)
    cached = cache.get(record.id)
    if cached is None or cached.key != key or cached.mutants != len(mutants):
        if cached_only:
            state = "missing" if cached is None else "stale (reference, tests or engine changed)"
            raise ColdCacheError(
                f"{record.id}: mutation cache {state}; run `make mutants` and commit "
                f"datasets/{CACHE_FILE_NAME}"
            )
        killed = await _kill_all(record, mutants, limit)
        survivors = [m.key for m, dead in zip(mutants, killed, strict=True) if not dead]
        cached = CachedRun(key, len(mutants), survivors)
        cache[record.id] = cached
    surviving = set(cached.survivors)
    results = [mutant_result(m, record.gold[m.path], m.key not in surviving) for m in mutants]
    return MutationRun(record.id, key, results)


async def _kill_all(
    record: TaskRecord, mutants: list[Mutant], limit: asyncio.Semaphore
) -> list[bool]:
    tree = graded_tree(record)

    async def one(mutant: Mutant) -> bool:
        async with limit:
            return await _is_killed({**tree, mutant.path: mutant.source}, record)

    return list(await asyncio.gather(*(one(m) for m in mutants)))


async def _is_killed(files: dict[str, str], record: TaskRecord) -> bool:
    """Killed when any hidden test fails, errors or does not run on the mutant."""
    with tempfile.TemporaryDirectory(prefix="archbench-mutant-") as folder:
        run = await run_hidden_tests(
            LocalWorkspace(Path(folder)), files, record.tests, MUTANT_TIMEOUT_SECONDS
        )
    summary = run.summary
    return summary.total == 0 or summary.passed < summary.total


def _spec(record: TaskRecord) -> CodeTaskSpec:
    assert isinstance(record.spec, CodeTaskSpec)
    return record.spec
