"""Mutants that a tool points at: what mypy and vulture report on a mutant and not on its source.

A reviewer who runs mypy or vulture over a package finds such a bug without reading the code
(4 of 7 argument swaps once failed type checking; a dropped call left its function unused), so
the seeder does not keep them (issue 17 item 3). Findings are compared as multisets of
line-free texts: a mutant that deletes lines shifts every later finding, which is not new.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from archbench.core.shape.dead_code import dead_code

# `jobs/backfill.py:26: error: Argument 1 has incompatible type ...  [arg-type]`
_MYPY_LINE = re.compile(r"^(?P<path>[^:\n]+\.pyi?):\d+(?::\d+)?: error: (?P<message>.*)$")
# Vulture's own confidence for an unused function, method, class or variable: the dead code a
# reviewer would be shown by `vulture` at its default settings.
VULTURE_CONFIDENCE = 60
_VULTURE_KINDS = frozenset(
    {"attribute", "class", "function", "import", "method", "property", "variable",
     "unreachable_code"}
)  # fmt: skip


@dataclass(frozen=True)
class ToolFindings:
    """What the two tools report on one code tree, each finding without its line number."""

    mypy: tuple[str, ...]
    vulture: tuple[str, ...]


def mypy_findings(output: str) -> tuple[str, ...]:
    """The errors of a mypy run (`--no-error-summary` output), as `path: message`; notes and
    summary lines are not findings."""
    found = (_MYPY_LINE.match(line.strip()) for line in output.splitlines())
    return tuple(sorted(f"{m['path']}: {m['message'].strip()}" for m in found if m))


def vulture_findings(files: Mapping[str, str]) -> tuple[str, ...]:
    """Unused code in the Python files of a tree, as `path: unused <kind> <name>`."""
    sources = {path: text for path, text in files.items() if path.endswith(".py")}
    trees = {path: ast.parse(text) for path, text in sources.items()}
    items = dead_code(sources, trees, {}, VULTURE_CONFIDENCE, _VULTURE_KINDS)
    return tuple(sorted(f"{item.path}: unused {item.kind} {item.name}" for item in items))


def giveaway(clean: ToolFindings, mutated: ToolFindings) -> str | None:
    """The first finding the mutant adds, with the tool's name; None when it adds none."""
    for tool in ("mypy", "vulture"):
        added = Counter(getattr(mutated, tool)) - Counter(getattr(clean, tool))
        if added:
            return f"{tool}: {sorted(added)[0]}"
    return None
