"""Duplicated blocks: runs of consecutive statements whose ASTs are identical.

Windows of `window` statements are compared by their AST dump without positions, so the same
code reformatted or moved still matches; windows with fewer than `min_nodes` AST nodes (a few
plain assignments) are too small to call duplication.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class DuplicateBlock:
    path: str
    line: int
    statements: int
    first_path: str
    first_line: int


def duplicate_blocks(
    trees: Mapping[str, ast.Module], window: int, min_nodes: int
) -> list[DuplicateBlock]:
    """Each repeat of an earlier block (the first occurrence is not counted)."""
    first_seen: dict[str, tuple[str, int]] = {}
    repeated_lines: set[tuple[str, int]] = set()
    blocks: list[DuplicateBlock] = []
    fingerprints: dict[int, tuple[str, int]] = {}
    for path, tree in sorted(trees.items()):
        for run in _windows(tree, window):
            prints = [_fingerprint(stmt, fingerprints) for stmt in run]
            if sum(size for _, size in prints) < min_nodes:
                continue
            key = "\n".join(dump for dump, _ in prints)
            where = (path, run[0].lineno)
            if key not in first_seen:
                first_seen[key] = where
                continue
            new_lines = {(path, stmt.lineno) for stmt in run} - repeated_lines
            if new_lines:
                repeated_lines |= new_lines
                origin = first_seen[key]
                blocks.append(DuplicateBlock(path, run[0].lineno, len(new_lines), *origin))
    return blocks


def _windows(tree: ast.AST, size: int) -> Iterator[list[ast.stmt]]:
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if isinstance(body, list) and len(body) >= size:
                yield from (body[start : start + size] for start in range(len(body) - size + 1))


def _fingerprint(stmt: ast.stmt, cache: dict[int, tuple[str, int]]) -> tuple[str, int]:
    """The statement's position-free AST dump and node count, computed once per statement."""
    if id(stmt) not in cache:
        cache[id(stmt)] = (
            ast.dump(stmt, annotate_fields=False),
            sum(1 for _ in ast.walk(stmt)),
        )
    return cache[id(stmt)]
