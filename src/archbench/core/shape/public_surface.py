"""Which public names an answer's own modules need: used from a module other than their own.

A public helper that another module of the answer calls is structure, not gold plating, however
it is named. Only a *use* counts, not an import: importing every helper somewhere (or listing it
in `__all__`) whitelists nothing. A use is a load of an imported name, or an attribute read
(`module.helper`, `obj.method`), anywhere but in a bare expression statement (`helper` on a line
of its own does nothing and would be the cheapest way to fake one).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


def public_definitions(tree: ast.Module) -> Iterator[str]:
    """Top-level public functions and classes, and the public methods of public classes."""
    for node in tree.body:
        if not isinstance(node, FunctionNode | ast.ClassDef) or node.name.startswith("_"):
            continue
        yield node.name
        if isinstance(node, ast.ClassDef):
            yield from (
                f"{node.name}.{item.name}"
                for item in node.body
                if isinstance(item, FunctionNode) and not item.name.startswith("_")
            )


def needed_public_names(trees: Mapping[str, ast.Module]) -> frozenset[str]:
    """Public names (as `public_definitions` spells them) used from another module."""
    used_by = {path: _used_names(tree) for path, tree in trees.items()}
    return frozenset(
        name
        for path, tree in trees.items()
        for name in public_definitions(tree)
        if any(name.rsplit(".", 1)[-1] in used for other, used in used_by.items() if other != path)
    )


def _used_names(tree: ast.Module) -> set[str]:
    """Imported names this module loads, by their original name, and attributes it reads."""
    imported = _imported_bindings(tree)
    useless = {
        id(stmt.value)
        for stmt in ast.walk(tree)
        if isinstance(stmt, ast.Expr) and _is_bare_reference(stmt)
    }
    used: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in useless or not isinstance(getattr(node, "ctx", None), ast.Load):
            continue
        if isinstance(node, ast.Name) and node.id in imported:
            used.add(imported[node.id])
        elif isinstance(node, ast.Attribute):
            used.add(node.attr)
    return used


def _imported_bindings(tree: ast.Module) -> dict[str, str]:
    """Local name -> imported name, for every `from x import name [as local]`."""
    return {
        alias.asname or alias.name: alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def _is_bare_reference(stmt: ast.Expr) -> bool:
    """`helper` or `module.helper` alone on a line: evaluated and thrown away, a fake use."""
    return isinstance(stmt.value, ast.Name | ast.Attribute)
