"""Load dataset tasks from `datasets/<kind>/<task-id>/` into validated `TaskRecord`s, and the
review vocabulary from `datasets/review/categories.yaml`."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from archbench.core.dataset import (
    CodeTaskSpec,
    DesignTaskSpec,
    ReviewTaskSpec,
    TaskKind,
    TaskRecord,
    TaskSpec,
    content_hash,
)
from archbench.core.errors import ArchbenchError, DatasetError
from archbench.core.review_categories import Vocabulary, VocabularyError, parse_vocabulary
from archbench.core.test_results import expected_tests
from archbench.io.paths import datasets_dir

TASK_FILE = "task.yaml"
REQUEST_FILE = "request.md"
# Which folder of a task holds the files the agent is shown, per kind.
SHOWN_FOLDER: dict[str, str] = {"implement": "starter", "refactor": "starter", "review": "code"}
GOLD_FOLDER = "reference"
TESTS_FOLDER = "tests"
_IGNORED_PARTS = frozenset({"__pycache__"})
# A file, not a folder, so the loader never takes it for a task (it lists folders only).
REVIEW_VOCABULARY_FILE = "categories.yaml"
_SPEC_ADAPTER: TypeAdapter[CodeTaskSpec | ReviewTaskSpec | DesignTaskSpec] = TypeAdapter(TaskSpec)


@dataclass
class LoadResult:
    """Tasks that loaded, and the errors of those that did not (one bad task sinks nothing)."""

    records: list[TaskRecord] = field(default_factory=list)
    errors: list[DatasetError] = field(default_factory=list)


def load_kind(kind: TaskKind, root: Path | None = None) -> LoadResult:
    """Every task of one kind, sorted by id."""
    result = LoadResult()
    for task_dir in _task_dirs((root or datasets_dir()) / kind):
        try:
            result.records.append(load_task(task_dir, kind))
        except DatasetError as error:
            result.errors.append(error)
    return result


def _task_dirs(kind_dir: Path) -> list[Path]:
    if not kind_dir.is_dir():
        return []
    return sorted(d for d in kind_dir.iterdir() if d.is_dir() and not d.name.startswith((".", "_")))


def load_task(task_dir: Path, expected_kind: TaskKind | None = None) -> TaskRecord:
    """Load and validate one task folder; raises DatasetError naming the task, file and field."""
    task_id = task_dir.name
    spec = _load_spec(task_dir, task_id)
    if spec.id != task_id:
        raise DatasetError(task_id, TASK_FILE, f"id '{spec.id}' differs from the folder name", "id")
    if expected_kind and spec.kind != expected_kind:
        raise DatasetError(
            task_id, TASK_FILE, f"kind '{spec.kind}' in a '{expected_kind}' folder", "kind"
        )
    request = _read_text(task_dir / REQUEST_FILE, task_id)
    if not request.strip():
        raise DatasetError(task_id, REQUEST_FILE, "the request is empty")
    shown_folder = SHOWN_FOLDER.get(spec.kind)
    record = TaskRecord(
        spec=spec,
        request=request,
        shown=read_tree(task_dir / shown_folder, task_id) if shown_folder else {},
        gold=read_tree(task_dir / GOLD_FOLDER, task_id),
        tests=read_tree(task_dir / TESTS_FOLDER, task_id),
        content_hash=content_hash(_hash_inputs(task_dir)),
    )
    _check_record(record)
    return record


def _load_spec(task_dir: Path, task_id: str) -> CodeTaskSpec | ReviewTaskSpec | DesignTaskSpec:
    raw = _read_text(task_dir / TASK_FILE, task_id)
    try:
        data: Any = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        raise DatasetError(task_id, TASK_FILE, f"YAML syntax error: {error}") from error
    if not isinstance(data, dict):
        raise DatasetError(task_id, TASK_FILE, "must be a mapping of fields")
    try:
        return _SPEC_ADAPTER.validate_python(data)
    except ValidationError as error:
        first = error.errors()[0]
        # The first element of the location is the discriminator tag ('design'): not a field.
        location = first["loc"][1:] if len(first["loc"]) > 1 else first["loc"]
        field_path = ".".join(str(part) for part in location)
        raise DatasetError(task_id, TASK_FILE, first["msg"], field_path) from error


def _check_record(record: TaskRecord) -> None:
    """Cross-file rules the spec alone cannot check."""
    spec, task_id = record.spec, record.id
    if isinstance(spec, CodeTaskSpec | ReviewTaskSpec) and not record.tests:
        raise DatasetError(task_id, TESTS_FOLDER, "no hidden tests")
    if isinstance(spec, CodeTaskSpec) and not record.gold:
        raise DatasetError(task_id, GOLD_FOLDER, "no reference solution")
    if isinstance(spec, CodeTaskSpec):
        _check_pass_to_pass(spec, record)
    if isinstance(spec, ReviewTaskSpec) and spec.bug and spec.bug.file not in record.shown:
        raise DatasetError(
            task_id, TASK_FILE, f"'{spec.bug.file}' is not a file in code/", "bug.file"
        )
    if isinstance(spec, DesignTaskSpec) and "answer.md" not in record.gold:
        raise DatasetError(task_id, f"{GOLD_FOLDER}/answer.md", "missing gold answer")


def _check_pass_to_pass(spec: CodeTaskSpec, record: TaskRecord) -> None:
    unknown = spec.unknown_pass_to_pass(expected_tests(record.tests))
    if unknown:
        raise DatasetError(
            record.id,
            TASK_FILE,
            f"selector '{unknown[0]}' names no hidden test in {TESTS_FOLDER}/",
            "pass_to_pass",
        )


def _read_text(path: Path, task_id: str, shown_as: str | None = None) -> str:
    name = shown_as or path.name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise DatasetError(task_id, name, "file is missing") from error
    except UnicodeDecodeError as error:
        raise DatasetError(task_id, name, f"not UTF-8 text: {error}") from error


def read_tree(folder: Path, task_id: str) -> dict[str, str]:
    """Every file under `folder` by relative path, tool debris left out; bad text: DatasetError."""
    return {
        rel: _read_text(folder / rel, task_id, f"{folder.name}/{rel}")
        for rel in _relative_files(folder)
    }


def _relative_files(folder: Path) -> Iterator[str]:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not _is_tool_debris(relative):
            yield relative.as_posix()


def _is_tool_debris(relative: Path) -> bool:
    """Caches that tools leave beside files (.ruff_cache, __pycache__, .pyc) are not content."""
    hidden = any(part.startswith(".") for part in relative.parts)
    return hidden or bool(_IGNORED_PARTS.intersection(relative.parts)) or relative.suffix == ".pyc"


def _hash_inputs(task_dir: Path) -> Iterator[tuple[str, bytes]]:
    for rel in _relative_files(task_dir):
        yield rel, (task_dir / rel).read_bytes()


def review_vocabulary_file(root: Path | None = None) -> Path:
    return (root or datasets_dir()) / "review" / REVIEW_VOCABULARY_FILE


def load_review_vocabulary(root: Path | None = None) -> Vocabulary:
    """The review categories every sample's `category` comes from and findings are matched on."""
    return _vocabulary_from(_vocabulary_bytes(root))


def review_vocabulary_version(root: Path | None = None) -> str:
    """A short hash of the vocabulary file: it is part of how reviews are graded."""
    return hashlib.sha256(_vocabulary_bytes(root)).hexdigest()[:12]


def _vocabulary_bytes(root: Path | None) -> bytes:
    path = review_vocabulary_file(root)
    try:
        return path.read_bytes()
    except FileNotFoundError as error:
        raise ArchbenchError(f"the review vocabulary {path} is missing") from error


@cache  # keyed by content: an edited file is parsed again, an unchanged one once
def _vocabulary_from(data: bytes) -> Vocabulary:
    try:
        return parse_vocabulary(yaml.safe_load(data))
    except (yaml.YAMLError, VocabularyError) as error:
        raise ArchbenchError(f"datasets/review/{REVIEW_VOCABULARY_FILE}: {error}") from error
