"""Dead code found by vulture, used as a library on source text (no file access).

`# noqa` comments are neutralised first so a solution cannot hide its dead code from the
grader. Hidden tests are scanned with the code, or helpers only tests call would look dead.
Decorated definitions are skipped: frameworks call route handlers and fixtures by registration.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from vulture import Vulture

_NOQA = re.compile(r"noqa", re.IGNORECASE)


@dataclass(frozen=True)
class DeadItem:
    path: str
    line: int
    kind: str
    name: str
    confidence: int


def dead_code(
    sources: Mapping[str, str],
    trees: Mapping[str, ast.Module],
    usage_sources: Mapping[str, str],
    min_confidence: int,
    kinds: Collection[str],
) -> list[DeadItem]:
    """Unused code in `sources`; `usage_sources` (tests) count as users but are not reported."""
    scanner = Vulture()
    for path, text in {**usage_sources, **sources}.items():
        scanner.scan(_NOQA.sub("no_qa", text), filename=path)
    decorated = {(path, line) for path, tree in trees.items() for line in _decorated_lines(tree)}
    items = [
        DeadItem(str(item.filename), item.first_lineno, item.typ, item.name, item.confidence)
        for item in scanner.get_unused_code(min_confidence=min_confidence)
        if item.typ in kinds
    ]
    return sorted(
        (
            item
            for item in items
            if item.path in sources and (item.path, item.line) not in decorated
        ),
        key=lambda item: (item.path, item.line, item.name),
    )


def _decorated_lines(tree: ast.Module) -> set[int]:
    """Lines vulture reports a decorated definition at (its decorators' and its own)."""
    definitions = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, definitions) and node.decorator_list:
            lines.add(node.lineno)
            lines.update(decorator.lineno for decorator in node.decorator_list)
    return lines
