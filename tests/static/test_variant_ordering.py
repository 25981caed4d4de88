"""Hand-made variants of references order as the issue demands, the shape being the only change.

Each variant under `datasets/<kind>/<task>/variants/<name>/` is a full replacement of the
reference and passes the task's hidden tests (checked here too, on the slow path).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from archbench.core.dataset import TaskRecord
from archbench.core.static_metrics import ShapeTask, StaticGrade
from archbench.runner import LocalWorkspace, run_hidden_tests

from .trees import code_records, grade_shape, reference_tree, variant_names, variant_tree

VARIANT_CASES = [
    (record.id, variant) for record in code_records() for variant in variant_names(record)
]
WORSE_SCORE = {"bloated": "minimality", "monolithic": "modularity", "fragmented": "modularity"}


def _grade(record: TaskRecord, variant: str) -> tuple[StaticGrade, StaticGrade]:
    reference = reference_tree(record)
    task = ShapeTask.from_record(record)
    return (
        grade_shape(variant_tree(record, variant), reference, task=task),
        grade_shape(reference, reference, task=task),
    )


def test_at_least_six_tasks_have_all_three_variants() -> None:
    complete = {
        record.id for record in code_records() if set(WORSE_SCORE) <= set(variant_names(record))
    }
    assert len(complete) >= 6, f"only {len(complete)} tasks have all three variants: {complete}"


@pytest.mark.parametrize(("task_id", "variant"), VARIANT_CASES)
def test_variant_scores_below_reference_on_its_score(
    records: dict[str, TaskRecord], task_id: str, variant: str
) -> None:
    score = WORSE_SCORE[variant]
    variant_grade, reference_grade = _grade(records[task_id], variant)
    assert getattr(variant_grade, score) < getattr(reference_grade, score) - 0.1, (
        variant_grade.explanation()
    )


@pytest.mark.slow
@pytest.mark.parametrize(("task_id", "variant"), VARIANT_CASES)
def test_variant_passes_the_hidden_tests(
    records: dict[str, TaskRecord], task_id: str, variant: str, tmp_path: Path
) -> None:
    record = records[task_id]
    run = asyncio.run(
        run_hidden_tests(LocalWorkspace(tmp_path), variant_tree(record, variant), record.tests)
    )
    assert run.summary.total > 0
    assert run.summary.passed == run.summary.total, run.summary.explanation()
