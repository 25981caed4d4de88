"""The static-grading adapter: runs ruff (a subprocess, no Python API) and assembles the grade.

Ruff runs with `--isolated --ignore-noqa` on a temporary copy of the files, so neither a
configuration file the solution ships nor its `# noqa` comments can hide a finding. The answer
and the reference are checked in one ruff call, in sibling folders.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from archbench.core.dataset import TaskRecord
from archbench.core.shape.analysis import LintFinding
from archbench.core.shape.rubric import StaticRubric
from archbench.core.static_metrics import (
    LintReport,
    ShapeTask,
    StaticGrade,
    grade_static,
    grader_identity_core,
    source_files,
)
from archbench.runner._rubric import packaged_rubric

RUFF_TIMEOUT_SECONDS = 120  # generous: CI machines run many graders at once
_SIDES = ("answer", "reference")


class StaticToolError(RuntimeError):
    """Ruff could not be run or its output could not be read; the message says which."""


def ruff_executable() -> str:
    """The ruff next to this interpreter (the pinned one), else the first on PATH."""
    beside = Path(sys.executable).parent / "ruff"
    found = str(beside) if beside.exists() else shutil.which("ruff")
    if not found:
        raise StaticToolError("ruff is not installed next to this Python nor on PATH")
    return found


@functools.cache
def ruff_version() -> str:
    completed = _run([ruff_executable(), "--version"])
    return completed.stdout.strip().removeprefix("ruff ").strip()


def run_ruff(
    answer: Mapping[str, str], reference: Mapping[str, str], rules: Sequence[str]
) -> LintReport:
    """Ruff's findings for `rules` on both file sets, paths relative to each set's root."""
    with tempfile.TemporaryDirectory(prefix="archbench-ruff-") as tmp:
        root = Path(tmp)
        for side, files in zip(_SIDES, (answer, reference), strict=True):
            _write_tree(root / side, source_files(files))
        completed = _run(
            [ruff_executable(), "check", "--isolated", "--ignore-noqa", "--no-cache",
             "--output-format", "json", "--exit-zero", "--select", ",".join(rules), str(root)]
        )  # fmt: skip
        findings = _parse_ruff_json(completed.stdout, root)
    return LintReport(
        answer=tuple(finding for side, finding in findings if side == "answer"),
        reference=tuple(finding for side, finding in findings if side == "reference"),
        tool_version=ruff_version(),
    )


def _write_tree(folder: Path, files: Mapping[str, str]) -> None:
    for relative, text in files.items():
        target = folder / relative
        if folder.resolve() not in target.resolve().parents:
            raise StaticToolError(f"refusing to write '{relative}' outside the lint folder")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            argv, capture_output=True, text=True, check=True, timeout=RUFF_TIMEOUT_SECONDS
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise StaticToolError(f"running {' '.join(argv[:2])} failed: {error}") from error


def _parse_ruff_json(output: str, root: Path) -> list[tuple[str, LintFinding]]:
    try:
        records = json.loads(output or "[]")
    except json.JSONDecodeError as error:
        raise StaticToolError(f"ruff printed something that is not JSON: {output[:200]}") from error
    return [_lint_finding(record, root) for record in records if record.get("code")]


def _lint_finding(record: dict[str, object], root: Path) -> tuple[str, LintFinding]:
    side, *rest = Path(str(record["filename"])).resolve().relative_to(root.resolve()).parts
    location = record.get("location")
    line = int(location.get("row", 0)) if isinstance(location, dict) else 0
    finding = LintFinding("/".join(rest), line, str(record["code"]), str(record.get("message", "")))
    return side, finding


def lint_sample(
    answer: Mapping[str, str], reference: Mapping[str, str], rubric: StaticRubric | None = None
) -> LintReport:
    """Ruff's findings on both sides, for the rules the rubric counts (a subprocess)."""
    rubric = rubric or packaged_rubric()
    return run_ruff(source_files(answer), reference, rubric.minimality.lint.rules)


def grade_static_sample(
    answer: Mapping[str, str],
    reference: Mapping[str, str],
    record: TaskRecord,
    rubric: StaticRubric | None = None,
    lint: LintReport | None = None,
) -> StaticGrade:
    """The full static grade of one sample: ruff on both sides (unless given), then the pure
    graders."""
    rubric = rubric or packaged_rubric()
    lint = lint or lint_sample(answer, reference, rubric)
    return grade_static(
        answer, reference, task=ShapeTask.from_record(record), lint=lint, rubric=rubric
    )


def grader_identity() -> dict[str, str]:
    """The rubric hash and every tool version behind static grades, for score/log metadata."""
    return grader_identity_core(packaged_rubric(), ruff_version())
