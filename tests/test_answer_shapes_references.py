"""Issue 23's closing requirement: every shape scores as the canonical form on every reference.

Extraction is pure, so the check over all implement tasks and shapes compares extracted files
(fast, and exactly what grading receives); a few real graded runs through the scorer, with the
offline model scripting the answer, confirm `spec_adherence` and `format_fallbacks` end to end.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from inspect_ai import eval as inspect_eval
from inspect_ai.scorer import Score

from archbench.core.answer import CANONICAL, extract_files
from archbench.core.dataset import TaskRecord
from archbench.evalkit import build_task
from archbench.io.datasets import load_kind
from tests._scores import values_of
from tests.answer_shapes import SHAPES, Shape, render
from tests.conftest import PROJECT_ROOT

IMPLEMENT = {r.id: r for r in load_kind("implement", PROJECT_ROOT / "datasets").records}
CANONICAL_SHAPE = SHAPES[0]


def test_the_dataset_has_the_implement_tasks() -> None:
    assert len(IMPLEMENT) >= 20 and all(record.gold for record in IMPLEMENT.values())


@pytest.mark.parametrize("task_id", sorted(IMPLEMENT))
@pytest.mark.parametrize("shape", SHAPES, ids=lambda shape: shape.name)
def test_every_shape_extracts_the_reference_as_the_canonical_form(
    shape: Shape, task_id: str
) -> None:
    gold = IMPLEMENT[task_id].gold
    canonical = extract_files(render(CANONICAL_SHAPE, gold))
    assert set(canonical.files) == set(gold) and canonical.format_fallbacks == 0
    extracted = extract_files(render(shape, gold))
    assert extracted.files == canonical.files
    assert set(extracted.sources.values()) == {shape.source}
    assert extracted.rejected == {} and extracted.unassigned_blocks == 0


GRADED_TASKS = sorted(IMPLEMENT)[:2]
GRADED_SHAPES = ("canonical", "heading+blank", "comment", "in-list-item")


def _scripted_run(records: list[TaskRecord], shape: Shape, tmp_path: Path) -> dict[str, Score]:
    script = {
        "rules": [
            {"when": record.request.strip()[:200], "reply": render(shape, record.gold)}
            for record in records
        ],
        "default": "I would need more details.",
    }
    script_path = tmp_path / f"{shape.name}.yaml"
    script_path.write_text(yaml.safe_dump(script))
    [log] = inspect_eval(
        build_task("implement", "python-backend-architect@v1"),
        sample_id=[record.id for record in records],
        log_dir=str(tmp_path / "logs"),
        display="none",
        model="archbench/offline",
        model_args={"script": str(script_path)},
    )
    assert log.status == "success" and log.samples
    return {str(sample.id): next(iter((sample.scores or {}).values())) for sample in log.samples}


@pytest.mark.slow
@pytest.mark.parametrize("shape_name", GRADED_SHAPES)
def test_graded_runs_give_every_shape_the_canonical_spec_adherence(
    shape_name: str, tmp_path: Path
) -> None:
    shape = next(shape for shape in SHAPES if shape.name == shape_name)
    scores = _scripted_run([IMPLEMENT[task_id] for task_id in GRADED_TASKS], shape, tmp_path)
    for task_id in GRADED_TASKS:
        score = scores[task_id]
        value = values_of(score)
        assert score.metadata is not None
        explanation = score.explanation or ""
        assert value["spec_adherence"] == 1.0, explanation
        expected_fallbacks = 0 if shape.source == CANONICAL else len(IMPLEMENT[task_id].gold)
        assert value["format_fallbacks"] == expected_fallbacks
        assert explanation.splitlines()[0].startswith("answer format: ")
        assert score.metadata["file_sources"] == dict.fromkeys(
            IMPLEMENT[task_id].gold, shape.source
        )


@pytest.mark.slow
def test_a_graded_answer_without_files_says_so_first(tmp_path: Path) -> None:
    record = IMPLEMENT[GRADED_TASKS[0]]
    unassigned = Shape("no-path", CANONICAL, lambda p, c, _g: f"```python\n{c}```")
    score = _scripted_run([record], unassigned, tmp_path)[record.id]
    value, explanation = values_of(score), score.explanation or ""
    blocks = len(record.gold)
    assert value["spec_adherence"] == 0.0 and value["format_fallbacks"] == blocks
    assert explanation.splitlines()[0] == (
        f"the answer delivered no files: {blocks} code block{'s' * (blocks != 1)} had no path"
    )
