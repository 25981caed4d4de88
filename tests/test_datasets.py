"""Dataset loading: the committed tasks load, and a broken task names task, file and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archbench.core.errors import DatasetError
from archbench.io.datasets import load_kind, load_task

KINDS = ("implement", "refactor", "review", "design")


@pytest.mark.parametrize("kind", KINDS)
def test_committed_tasks_load_without_errors(kind: str, project_root: Path) -> None:
    loaded = load_kind(kind, project_root / "datasets")  # type: ignore[arg-type]
    assert [str(e) for e in loaded.errors] == []
    assert len(loaded.records) >= 2
    for record in loaded.records:
        assert record.kind == kind and record.request.strip()


def copy_task(project_root: Path, tmp_path: Path) -> Path:
    source = next(p for p in sorted((project_root / "datasets/implement").iterdir()) if p.is_dir())
    target = tmp_path / "implement" / source.name
    shutil.copytree(source, target)
    return target


def test_bad_field_names_task_file_and_field(project_root: Path, tmp_path: Path) -> None:
    task = copy_task(project_root, tmp_path)
    spec = task / "task.yaml"
    spec.write_text(
        spec.read_text().replace("difficulty:", "difficulty: impossible\nold_difficulty:")
    )
    with pytest.raises(DatasetError) as caught:
        load_task(task, "implement")
    message = str(caught.value)
    assert f"task '{task.name}'" in message and "task.yaml" in message and "difficulty" in message


def test_missing_request_is_named(project_root: Path, tmp_path: Path) -> None:
    task = copy_task(project_root, tmp_path)
    (task / "request.md").unlink()
    with pytest.raises(DatasetError, match=r"request.md: file is missing"):
        load_task(task, "implement")


def test_one_bad_task_does_not_sink_the_others(project_root: Path, tmp_path: Path) -> None:
    task = copy_task(project_root, tmp_path)
    shutil.copytree(task, task.parent / "zz-broken")
    (task.parent / "zz-broken" / "task.yaml").write_text("id: [unclosed\n")
    loaded = load_kind("implement", tmp_path)
    assert [r.id for r in loaded.records] == [task.name]
    assert len(loaded.errors) == 1 and "zz-broken" in str(loaded.errors[0])


def test_content_hash_changes_with_any_file(project_root: Path, tmp_path: Path) -> None:
    task = copy_task(project_root, tmp_path)
    before = load_task(task).content_hash
    test_file = next((task / "tests").glob("*.py"))
    test_file.write_text(test_file.read_text() + "\n# changed\n")
    assert load_task(task).content_hash != before
