"""What a module imports at run time, resolved to absolute module names.

Relative imports are resolved against the module's package; imports under
`if TYPE_CHECKING:` are left out, since they never run (and so never form a cycle).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator


def runtime_imports(
    tree: ast.Module, name: str, is_package: bool, internal: set[str]
) -> Iterator[str]:
    """Imported modules; `from pkg import mod` names `pkg.mod` when that is an `internal` module."""
    package = name.split(".") if is_package else name.split(".")[:-1]
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute_base(node, package)
            for alias in node.names:
                candidate = f"{base}.{alias.name}" if base else alias.name
                yield candidate if candidate in internal else base


def _absolute_base(node: ast.ImportFrom, package: list[str]) -> str:
    if not node.level:
        return node.module or ""
    anchor = package[: len(package) - (node.level - 1)] if node.level > 1 else package
    return ".".join([*anchor, *([node.module] if node.module else [])])


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node except those under `if TYPE_CHECKING:`, which never import at run time."""
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            yield from (node for stmt in child.orelse for node in _walk_runtime(stmt))
            continue
        yield child
        yield from _runtime_nodes(child)


def _walk_runtime(node: ast.AST) -> Iterator[ast.AST]:
    yield node
    yield from _runtime_nodes(node)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )
