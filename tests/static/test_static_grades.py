"""Static grades on the dataset: references, refactor starters, the parse gate and gaming."""

from __future__ import annotations

import pytest
import yaml

from archbench.core.dataset import TaskRecord
from archbench.core.shape.rubric import parse_rubric
from archbench.core.static_metrics import ShapeTask
from archbench.runner._rubric import packaged_rubric

from .trees import code_records, grade_shape, reference_tree

CODE_TASKS = [record.id for record in code_records()]
REFACTOR_TASKS = [record.id for record in code_records() if record.kind == "refactor"]


@pytest.mark.parametrize("task_id", CODE_TASKS)
def test_reference_scores_at_least_0_9_against_itself(
    records: dict[str, TaskRecord], task_id: str
) -> None:
    record = records[task_id]
    reference = reference_tree(record)
    grade = grade_shape(reference, reference, task=ShapeTask.from_record(record))
    assert grade.modularity >= 0.9, grade.explanation()
    assert grade.minimality >= 0.9, grade.explanation()


@pytest.mark.parametrize("task_id", CODE_TASKS)
def test_reference_scores_at_least_0_9_on_absolute_thresholds(
    records: dict[str, TaskRecord], task_id: str
) -> None:
    """Graded on its own (no reference to lean on), the rubric's fixed thresholds hold too.

    Core tier only: a hard task's reference extends an existing service and keeps its structure
    (the team's pass-through repository methods, framework hooks vulture cannot see, a stated
    boundary module that is small by design), so fixed thresholds would grade the starter.
    Graded against its reference (the test above) every reference still scores 0.9 or more.
    """
    record = records[task_id]
    if record.spec.tier != "core":
        pytest.skip("hard tier: fixed thresholds would grade the existing service, not the answer")
    grade = grade_shape(reference_tree(record), None, task=ShapeTask.from_record(record))
    assert grade.modularity >= 0.9, grade.explanation()
    assert grade.minimality >= 0.9, grade.explanation()


# A starter whose structural problem no static metric sees, and why: its refactor is judged by
# the boundary tests and the rubric judges alone.
STATICALLY_INVISIBLE = {
    "event-ticketing-holds": "the hold rule is written four times in four forms (a model method, "
    "two inline checks, a SQL cutoff): no duplication or size metric matches them",
}


@pytest.mark.parametrize("task_id", REFACTOR_TASKS)
def test_refactor_starter_scores_clearly_below_its_reference_on_modularity(
    records: dict[str, TaskRecord], task_id: str
) -> None:
    """A monolith scores low on modularity; a multi-module starter whose problem is logic copied
    across modules scores low on minimality (duplication) instead."""
    if task_id in STATICALLY_INVISIBLE:
        pytest.skip(STATICALLY_INVISIBLE[task_id])
    record = records[task_id]
    grade = grade_shape(
        dict(record.shown), reference_tree(record), task=ShapeTask.from_record(record)
    )
    if len([p for p in record.shown if p.endswith(".py") and "tests/" not in p]) == 1:
        assert grade.modularity <= 0.6, grade.explanation()
        assert any(finding.startswith("modularity:") for finding in grade.findings)
    else:
        assert min(grade.modularity, grade.minimality) <= 0.9, grade.explanation()


def test_billing_refactor_keeping_the_starter_renderer_verbatim_costs_no_modularity(
    records: dict[str, TaskRecord],
) -> None:
    """The request keeps the rendered layout; the reference happens to split the 21-statement
    renderer further, which alone made moving it unchanged cost 0.18 modularity."""
    record = records["billing-engine-monolith"]
    reference = reference_tree(record)
    starter = record.shown["billing/invoicing.py"]
    renderer = starter[starter.index("def render_invoice") : starter.index("def next_invoice")]
    answer = {**reference, "billing/rendering.py": f"from datetime import timedelta\n\n{renderer}"}
    grade = grade_shape(answer, reference, task=ShapeTask.from_record(record))
    assert grade.modularity == 1.0, grade.explanation()


def test_a_file_that_does_not_parse_zeroes_both_scores_naming_file_and_line(
    records: dict[str, TaskRecord],
) -> None:
    record = records["circuit-breaker"]
    reference = reference_tree(record)
    broken = {**reference, "resilience/extra.py": "x = 1\ndef broken(:\n    pass\n"}
    grade = grade_shape(broken, reference, task=ShapeTask.from_record(record))
    assert (grade.modularity, grade.minimality) == (0.0, 0.0)
    assert grade.parse_error is not None
    assert grade.parse_error.startswith("resilience/extra.py:2:")
    assert "resilience/extra.py:2" in grade.explanation()


def test_joining_lines_with_semicolons_does_not_improve_minimality(
    records: dict[str, TaskRecord],
) -> None:
    record = records["backfill-job"]
    reference = reference_tree(record)
    padded = reference["jobs/backfill.py"] + _PADDING
    joined = reference["jobs/backfill.py"] + _PADDING.replace("\n    ", "; ").replace(":;", ":")
    task = ShapeTask.from_record(record)
    spread = grade_shape({**reference, "jobs/backfill.py": padded}, reference, task=task)
    squeezed = grade_shape({**reference, "jobs/backfill.py": joined}, reference, task=task)
    assert joined.count("\n") < padded.count("\n")
    assert spread.minimality < 1.0
    assert squeezed.minimality == spread.minimality


_PADDING = """

def summarise_chunks(chunks: list[Chunk]) -> str:
    first = chunks[0].start.isoformat()
    last = chunks[-1].end.isoformat()
    count = len(chunks)
    hours = (chunks[-1].end - chunks[0].start).total_seconds() / 3600
    label = f"{count} chunks"
    span = f"{first} .. {last}"
    rate = count / hours if hours else 0.0
    detail = f"{label}, {span}, {rate:.2f}/h"
    return detail
"""


def test_noqa_comments_do_not_hide_dead_code(records: dict[str, TaskRecord]) -> None:
    record = records["retry-exponential-backoff"]
    reference = reference_tree(record)
    helper = "\n\ndef _unused_helper(value: float) -> float:  # noqa\n    return value * 2\n"
    answer = {**reference, "resilience/retry.py": reference["resilience/retry.py"] + helper}
    grade = grade_shape(answer, reference, task=ShapeTask.from_record(record))
    assert grade.minimality < 1.0
    assert any("_unused_helper" in finding for finding in grade.findings)


def test_smaller_than_the_reference_earns_no_bonus(records: dict[str, TaskRecord]) -> None:
    record = records["backfill-job"]
    reference = reference_tree(record)
    lean = {**reference, "jobs/checkpoints.py": '"""Nothing."""\n'}
    grade = grade_shape(lean, reference, task=ShapeTask.from_record(record))
    assert grade.minimality <= 1.0
    size = next(check for check in grade.checks if check.name == "statements")
    assert size.penalty == 0.0


def test_grade_carries_rubric_hash_and_tool_versions(records: dict[str, TaskRecord]) -> None:
    record = records["circuit-breaker"]
    reference = reference_tree(record)
    grade = grade_shape(reference, reference, task=ShapeTask.from_record(record))
    assert grade.identity["rubric_sha256"] == packaged_rubric().content_hash()
    assert {"static_metrics", "radon", "vulture", "ruff"} <= set(grade.identity)


def test_rubric_hash_changes_with_any_threshold_but_not_with_comments() -> None:
    rubric = packaged_rubric()
    data = rubric.model_dump()
    text = yaml.safe_dump(data)
    assert parse_rubric("# a comment\n" + text).content_hash() == rubric.content_hash()
    data["modularity"]["complexity"]["threshold"] += 1
    changed = parse_rubric(yaml.safe_dump(data))
    assert changed.content_hash() != rubric.content_hash()
