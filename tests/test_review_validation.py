"""Issue 17 item 6: review ground truth is validated strictly (spans checked without a test run)."""

from __future__ import annotations

import asyncio
import dataclasses

from archbench.commands.validate import validate_task
from archbench.core.dataset import ReviewTaskSpec, SeededBug, TaskRecord
from archbench.core.review_validation import (
    changed_lines,
    code_run_problem,
    exposure_problem,
    span_problems,
)
from archbench.core.test_results import TestOutcome, TestRunSummary
from archbench.io.datasets import load_kind
from tests.conftest import PROJECT_ROOT

RECORDS = {r.id: r for r in load_kind("review", PROJECT_ROOT / "datasets").records}
SQL = RECORDS["customer-search-sql-injection"]  # crm/customers.py, bug lines 49-54 of 55


def with_bug(record: TaskRecord, lines: tuple[int, int], **gold: str) -> TaskRecord:
    spec = record.spec
    assert isinstance(spec, ReviewTaskSpec) and spec.bug is not None
    bug = SeededBug(file=spec.bug.file, lines=lines, description=spec.bug.description)
    changed = dataclasses.replace(record, spec=spec.model_copy(update={"bug": bug}))
    return dataclasses.replace(changed, gold=gold) if gold else changed


def test_a_span_outside_the_file_fails_validation() -> None:
    verdict = asyncio.run(validate_task(with_bug(SQL, (60, 61))))
    assert not verdict.valid
    assert "bug lines 60-61 lie outside crm/customers.py (55 lines)" in verdict.detail


def test_a_span_away_from_the_fix_fails_validation() -> None:
    verdict = asyncio.run(validate_task(with_bug(SQL, (5, 6))))
    assert not verdict.valid and "do not overlap the fix, which changes lines" in verdict.detail


def test_a_fix_that_leaves_the_bugs_file_alone_fails_validation() -> None:
    untouched = with_bug(SQL, (49, 54), **{"crm/other.py": "x = 1\n"})
    assert span_problems(untouched.spec, untouched.shown, untouched.gold) == [  # type: ignore[arg-type]
        "reference/ does not fix crm/customers.py, the bug's file"
    ]


def test_every_dataset_span_lies_in_its_file_and_overlaps_the_fix() -> None:
    problems = {
        record.id: span_problems(record.spec, record.shown, record.gold)
        for record in RECORDS.values()
        if isinstance(record.spec, ReviewTaskSpec)
    }
    assert {task: found for task, found in problems.items() if found} == {}


def test_changed_lines_names_replaced_and_deleted_lines_and_both_sides_of_an_insertion() -> None:
    code = "a\nb\nc\nd\n"
    assert changed_lines(code, "a\nB\nc\nd\n") == {2}
    assert changed_lines(code, "a\nb\nd\n") == {3}
    assert changed_lines(code, "a\nb\nnew\nc\nd\n") == {2, 3}
    assert changed_lines(code, code) == set()


def run_of(*outcomes: TestOutcome) -> TestRunSummary:
    failures = [o for o in outcomes if o.outcome != "passed"]
    passed = len(outcomes) - len(failures)
    return TestRunSummary(passed, len(outcomes), failures, outcomes=list(outcomes))


ASSERTED = TestOutcome("test_a.py::t1", "t1", "failed", "AssertionError: assert 2 == 1")
NOT_RAISED = TestOutcome("test_a.py::t2", "t2", "failed", "Failed: DID NOT RAISE ValueError")
CRASHED = TestOutcome("test_a.py::t3", "t3", "failed", "KeyError: 'country'")
BROKEN = TestOutcome("test_a.py", "test_a.py", "error", "ImportError: cannot import name 'x'")


def test_the_bug_must_be_exposed_by_an_assertion_unless_the_sample_is_easy() -> None:
    assert exposure_problem(run_of(ASSERTED, CRASHED), "medium") is None
    assert exposure_problem(run_of(NOT_RAISED), "hard") is None
    crash_only = exposure_problem(run_of(CRASHED), "medium")
    assert crash_only is not None and "only crashes" in crash_only
    assert exposure_problem(run_of(CRASHED), "easy") is None
    assert exposure_problem(run_of(BROKEN), "easy") is not None


def test_a_clean_twin_must_pass_every_test() -> None:
    clean = RECORDS["customer-search-clean"].spec
    assert isinstance(clean, ReviewTaskSpec)
    passing = TestOutcome("test_a.py::t0", "t0", "passed")
    assert code_run_problem(clean, run_of(passing)) is None
    failing = code_run_problem(clean, run_of(passing, ASSERTED))
    assert failing is not None and failing.startswith("clean twin fails its tests")
    assert code_run_problem(clean, run_of()) is not None  # no test ran at all


def with_category(record: TaskRecord, category: str) -> TaskRecord:
    spec = record.spec
    assert isinstance(spec, ReviewTaskSpec)
    return dataclasses.replace(record, spec=spec.model_copy(update={"category": category}))


def test_a_category_outside_the_vocabulary_fails_validation_before_any_test_runs() -> None:
    verdict = asyncio.run(validate_task(with_category(SQL, "sql-woes")))
    assert not verdict.valid
    assert verdict.detail == "category 'sql-woes' is not a slug of the review vocabulary"


def test_a_synonym_is_not_a_slug_and_the_verdict_names_the_slug() -> None:
    verdict = asyncio.run(validate_task(with_category(SQL, "sqli")))
    assert not verdict.valid
    assert "(it is a synonym of 'sql-injection')" in verdict.detail
