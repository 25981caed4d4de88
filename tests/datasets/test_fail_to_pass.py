"""Fail-to-pass / pass-to-pass: the scoring arithmetic, the selectors, and validate's rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archbench.core.code_validation import starter_problem
from archbench.core.errors import DatasetError
from archbench.core.test_results import (
    TestOutcome,
    TestRunSummary,
    selected_tests,
    spec_adherence,
    summarise,
    unknown_selectors,
)
from archbench.io.datasets import load_task

EXPECTED = {"test_a::test_new", "test_a::test_new2", "test_a::test_old", "test_b::TestX::test_y"}


def run_of(outcomes: dict[str, str]) -> TestRunSummary:
    cases = [TestOutcome(key, key.split("::")[-1], outcome) for key, outcome in outcomes.items()]  # type: ignore[arg-type]
    return summarise(cases, EXPECTED)


def test_selectors_name_a_file_a_class_or_one_test() -> None:
    assert selected_tests(["test_b.py"], EXPECTED) == {"test_b::TestX::test_y"}
    assert selected_tests(["test_b.py::TestX"], EXPECTED) == {"test_b::TestX::test_y"}
    assert selected_tests(["test_a.py::test_old"], EXPECTED) == {"test_a::test_old"}
    # A prefix of another test's name is not that test.
    assert selected_tests(["test_a.py::test_new"], EXPECTED) == {"test_a::test_new"}
    assert unknown_selectors(["test_a.py::test_gone", "test_c.py", "test_a.py"], EXPECTED) == [
        "test_a.py::test_gone",
        "test_c.py",
    ]


def test_spec_adherence_is_the_share_of_fail_to_pass_passed() -> None:
    run = run_of({"test_a::test_new": "passed", "test_a::test_new2": "failed",
                  "test_a::test_old": "passed", "test_b::TestX::test_y": "passed"})  # fmt: skip
    score = spec_adherence(run, {"test_a::test_old"})
    assert score.value == pytest.approx(2 / 3)
    assert "fail-to-pass: 2/3 passed" in score.explanation()
    assert "pass-to-pass: 1/1 kept" in score.explanation()


def test_a_broken_pass_to_pass_test_zeroes_the_score_and_is_named() -> None:
    run = run_of({"test_a::test_new": "passed", "test_a::test_new2": "passed",
                  "test_a::test_old": "failed", "test_b::TestX::test_y": "passed"})  # fmt: skip
    score = spec_adherence(run, {"test_a::test_old"})
    assert score.value == 0.0
    assert "pass-to-pass failed: test_old" in score.explanation()


def test_a_pass_to_pass_test_that_did_not_run_counts_as_broken() -> None:
    run = run_of({"test_a::test_new": "passed", "test_a::test_new2": "passed"})
    score = spec_adherence(run, {"test_a::test_old"})
    assert score.value == 0.0 and "test_a::test_old" in score.broken_pass_to_pass


def test_the_untouched_starter_scores_zero_when_only_pass_to_pass_tests_pass() -> None:
    """The cheapest answer (nothing) keeps the old behaviour and earns nothing for it."""
    run = run_of({"test_a::test_new": "failed", "test_a::test_new2": "failed",
                  "test_a::test_old": "passed", "test_b::TestX::test_y": "failed"})  # fmt: skip
    assert spec_adherence(run, {"test_a::test_old"}).value == 0.0


def test_validate_rejects_a_starter_that_passes_fail_to_pass_or_fails_pass_to_pass() -> None:
    run = run_of({"test_a::test_new": "passed", "test_a::test_new2": "failed",
                  "test_a::test_old": "failed", "test_b::TestX::test_y": "failed"})  # fmt: skip
    problem = starter_problem(run, {"test_a::test_old"}) or ""
    assert "already pass on the starter" in problem and "test_new" in problem
    assert "pass-to-pass tests fail on the starter: test_old" in problem
    good = run_of({"test_a::test_new": "failed", "test_a::test_new2": "failed",
                   "test_a::test_old": "passed", "test_b::TestX::test_y": "error"})  # fmt: skip
    assert starter_problem(good, {"test_a::test_old"}) is None


def test_validate_rejects_a_task_with_no_fail_to_pass_test() -> None:
    run = run_of(dict.fromkeys(EXPECTED, "passed"))
    assert "no fail-to-pass test" in (starter_problem(run, EXPECTED) or "")


def test_a_selector_naming_no_hidden_test_is_a_dataset_error(
    project_root: Path, tmp_path: Path
) -> None:
    source = project_root / "datasets/implement/request-validation-errors"
    task = tmp_path / "implement" / source.name
    shutil.copytree(source, task)
    spec = task / "task.yaml"
    spec.write_text(spec.read_text() + "  - test_error_envelope.py::test_typo\n")
    with pytest.raises(DatasetError) as caught:
        load_task(task, "implement")
    message = str(caught.value)
    assert f"task '{source.name}'" in message and "pass_to_pass" in message
    assert "test_error_envelope.py::test_typo" in message
