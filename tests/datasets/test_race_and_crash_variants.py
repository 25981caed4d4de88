"""Issue 18 item 2: the hidden tests tell racy and crash-unsafe solutions from correct ones.

Each variant under `tests/datasets/variants/<task>/<variant>/` replaces files of the task's
reference. A racy variant (read-then-write, check-then-insert) or a store that rewrites its
file in place passed every hidden test before the race and crash tests; now it fails exactly
those, and correct solutions in other styles (BEGIN IMMEDIATE, a unique index, tempfile or
mkstemp + os.replace) pass everything.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from archbench.core.dataset import CodeTaskSpec, TaskRecord
from archbench.io.datasets import load_kind
from archbench.runner import LocalWorkspace, run_hidden_tests

VARIANTS = Path(__file__).parent / "variants"

MONEY_RACE = "test_concurrent_transfer_at_any_moment_cannot_overdraw_or_lose_a_debit"
WIKI_RACE = "test_concurrent_save_at_any_moment_cannot_lose_an_update"
USERS_ADD_RACE = "test_concurrent_add_of_the_same_email_at_any_moment_keeps_it_unique"
USERS_UPDATE_RACE = "test_concurrent_add_during_an_update_to_that_email_keeps_it_unique"
CRASH_MID_WRITE = "test_file_store_save_crash_leaves_the_previous_or_the_new_checkpoint[write]"

# (task, variant) -> the hidden tests it must fail; every other hidden test must pass.
EXPECTED_FAILURES: dict[tuple[str, str], set[str]] = {
    ("money-transfer-transaction", "racy"): {MONEY_RACE},
    ("money-transfer-transaction", "immediate"): set(),
    ("optimistic-locking-update", "racy"): {WIKI_RACE},
    ("optimistic-locking-update", "immediate"): set(),
    ("sqlite-user-repository", "racy"): {USERS_ADD_RACE, USERS_UPDATE_RACE},
    ("sqlite-user-repository", "unique-index"): set(),
    ("backfill-job", "in-place"): {CRASH_MID_WRITE},
    ("backfill-job", "tempfile-replace"): set(),
    ("backfill-job", "mkstemp-fdopen"): set(),
}


def implement_record(task_id: str) -> TaskRecord:
    (record,) = [r for r in load_kind("implement").records if r.id == task_id]
    return record


def variant_tree(record: TaskRecord, variant: str) -> dict[str, str]:
    """The reference laid over the starter, with the variant's files replacing its own."""
    assert isinstance(record.spec, CodeTaskSpec)
    files = {**record.shown, **record.gold}
    folder = VARIANTS / record.id / variant
    replaced = {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*.py"))
        if "__pycache__" not in path.parts
    }
    assert replaced, f"no files in {folder}"
    return {**files, **replaced}


def test_every_variant_folder_has_an_expectation() -> None:
    on_disk = {(task.name, variant.name) for task in VARIANTS.iterdir() if task.is_dir()
               for variant in task.iterdir() if variant.is_dir()}  # fmt: skip
    assert on_disk == set(EXPECTED_FAILURES)


@pytest.mark.parametrize(
    ("task_id", "variant"), sorted(EXPECTED_FAILURES), ids=lambda value: str(value)
)
def test_variant_fails_exactly_the_tests_that_catch_it(
    task_id: str, variant: str, tmp_path: Path
) -> None:
    record = implement_record(task_id)
    tree = variant_tree(record, variant)
    run = asyncio.run(run_hidden_tests(LocalWorkspace(tmp_path), tree, record.tests))

    failed = {outcome.name for outcome in run.summary.failures} | set(run.summary.missing)
    assert run.summary.total > len(failed), run.summary.explanation()
    assert failed == EXPECTED_FAILURES[(task_id, variant)], run.summary.explanation()
