"""Dataset tasks and their hand-made variants, as file trees (path -> source)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from archbench.core.dataset import CodeTaskSpec, TaskRecord
from archbench.core.static_metrics import ShapeTask, StaticGrade, grade_static
from archbench.io.datasets import load_kind
from archbench.io.paths import datasets_dir
from archbench.runner._rubric import packaged_rubric


def grade_shape(
    answer: Mapping[str, str], reference: Mapping[str, str] | None, task: ShapeTask
) -> StaticGrade:
    """The pure static grade with the rubric archbench ships (no ruff: it needs a subprocess)."""
    return grade_static(answer, reference, rubric=packaged_rubric(), task=task)


def reference_tree(record: TaskRecord) -> dict[str, str]:
    """The complete reference solution: the starter overlaid with the gold files."""
    assert isinstance(record.spec, CodeTaskSpec)
    files = {path: text for path, text in record.shown.items() if path not in record.spec.delete}
    files.update(record.gold)
    return files


def variant_tree(record: TaskRecord, variant: str) -> dict[str, str]:
    """A hand-made variant: a full replacement of `reference/`, laid over the starter."""
    assert isinstance(record.spec, CodeTaskSpec)
    folder = datasets_dir() / record.kind / record.id / "variants" / variant
    files = {path: text for path, text in record.shown.items() if path not in record.spec.delete}
    files.update(_read_tree(folder))
    return files


def variant_names(record: TaskRecord) -> list[str]:
    folder = datasets_dir() / record.kind / record.id / "variants"
    return (
        sorted(child.name for child in folder.iterdir() if child.is_dir())
        if folder.is_dir()
        else []
    )


def _read_tree(folder: Path) -> Mapping[str, str]:
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def code_records() -> list[TaskRecord]:
    return [*load_kind("implement").records, *load_kind("refactor").records]
