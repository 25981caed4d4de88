"""`archbench quality`: the static graders run over a Python package, one subpackage at a time.

The graders were calibrated on task-sized solutions (a few hundred statements), so a whole
library graded as one answer hits every cap; each package directory is graded on its own,
with absolute thresholds (there is no reference), and with the rest of the code base, the
tests and the given usage folders as code that uses it, so that dead-code findings mean dead.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archbench.core.errors import ArchbenchError
from archbench.core.shape.rubric import StaticRubric
from archbench.core.static_metrics import ShapeTask, StaticGrade, grade_static
from archbench.runner import load_rubric, packaged_rubric, run_ruff

DEFAULT_MINIMUM = 0.9  # what every reference solution in the dataset reaches
TOP_FINDINGS = 3


@dataclass(frozen=True)
class PackageGrade:
    package: str
    files: int
    grade: StaticGrade


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "quality", help="grade a package's own modularity and minimality, per subpackage"
    )
    parser.add_argument("source", type=Path, help="the package folder, e.g. src/archbench")
    parser.add_argument(
        "--usage",
        type=Path,
        nargs="*",
        default=[],
        help="folders whose code uses the package (tests, entry points, benchmarks)",
    )
    parser.add_argument(
        "--minimum", type=float, default=DEFAULT_MINIMUM,
        help=f"fail a package below this score (default: {DEFAULT_MINIMUM})",
    )  # fmt: skip
    parser.add_argument("--rubric", type=Path, help="a rubric YAML (default: the packaged one)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    rubric = load_rubric(args.rubric) if args.rubric else packaged_rubric()
    grades = grade_packages(args.source, args.usage, rubric)
    for line in render(grades):
        print(line)
    failing = [
        g.package for g in grades if min(g.grade.modularity, g.grade.minimality) < args.minimum
    ]
    if failing:
        print(f"below {args.minimum}: {', '.join(failing)}")
        return 1
    print(f"every package at or above {args.minimum}")
    return 0


def grade_packages(
    source: Path, usage_folders: Iterable[Path], rubric: StaticRubric
) -> list[PackageGrade]:
    """One grade per package folder under `source` (the folder itself included)."""
    sources = dict(_python_files(source, prefix=source.name))
    if not sources:
        raise ArchbenchError(f"{source}: no Python files to grade")
    usage = {
        path: text
        for folder in usage_folders
        for path, text in _python_files(folder, prefix=f"_usage/{folder.name}")
    }
    grades = []
    for package, files in sorted(group_by_package(sources).items()):
        others = {path: text for path, text in sources.items() if path not in files}
        lint = run_ruff(files, {}, rubric.minimality.lint.rules)
        task = ShapeTask(usage={**usage, **others})
        grade = grade_static(files, None, rubric=rubric, task=task, lint=lint)
        grades.append(PackageGrade(package, len(files), grade))
    return grades


def group_by_package(sources: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """path -> source, grouped by the folder that holds each file (its package)."""
    packages: dict[str, dict[str, str]] = {}
    for path, text in sources.items():
        folder, _, _ = path.rpartition("/")
        packages.setdefault(folder.replace("/", "."), {})[path] = text
    return packages


def render(grades: Iterable[PackageGrade]) -> Iterator[str]:
    yield f"{'package':<28} {'files':>5} {'modularity':>10} {'minimality':>10}"
    for entry in grades:
        grade = entry.grade
        yield (
            f"{entry.package:<28} {entry.files:>5} {grade.modularity:>10.2f} "
            f"{grade.minimality:>10.2f}"
        )
        for finding in grade.findings[:TOP_FINDINGS]:
            yield f"    {finding}"


def _python_files(folder: Path, prefix: str) -> Iterator[tuple[str, str]]:
    if not folder.is_dir():
        raise ArchbenchError(f"{folder}: not a folder")
    for path in sorted(folder.rglob("*.py")):
        relative = path.relative_to(folder).as_posix()
        yield f"{prefix}/{relative}", path.read_text(encoding="utf-8")
