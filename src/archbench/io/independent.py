"""Loading a task's independent solutions (`core.independent`) from `independent/` beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from archbench.core.errors import DatasetError
from archbench.core.independent import IndependentResult, IndependentSolution
from archbench.io.datasets import read_tree

INDEPENDENT_FOLDER = "independent"


def load_independent_solutions(task_dir: Path) -> list[IndependentSolution]:
    """Every `independent/<label>/` of a task with its `<label>.yaml` record, by label.

    A folder without a record, or a record without a folder, is an error naming the file: a
    solution whose result nobody wrote down checks nothing.
    """
    folder = task_dir / INDEPENDENT_FOLDER
    if not folder.is_dir():
        return []
    labels = sorted({p.stem for p in folder.glob("*.yaml")} | {p.name for p in _trees(folder)})
    return [_load_one(task_dir.name, folder, label) for label in labels]


def _trees(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))]


def _load_one(task_id: str, folder: Path, label: str) -> IndependentSolution:
    record_file, tree = folder / f"{label}.yaml", folder / label
    where = f"{INDEPENDENT_FOLDER}/{label}.yaml"
    if not tree.is_dir():
        raise DatasetError(
            task_id, where, f"records a solution but {INDEPENDENT_FOLDER}/{label}/ is missing"
        )
    if not record_file.is_file():
        raise DatasetError(task_id, where, "missing: every independent solution records its result")
    files = read_tree(tree, task_id)
    return IndependentSolution(task_id, label, files, _result(task_id, where, record_file))


def _result(task_id: str, where: str, record_file: Path) -> IndependentResult:
    try:
        data: Any = yaml.safe_load(record_file.read_text(encoding="utf-8"))
        return IndependentResult.model_validate(data)
    except yaml.YAMLError as error:
        raise DatasetError(task_id, where, f"YAML syntax error: {error}") from error
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise DatasetError(task_id, where, first["msg"], field or None) from error
