"""Where canaries can be planted: the test functions pytest collects, and their assertions
that always run and compare against an expected value."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from archbench.core.canaries._literals import call_name, compared_literal
from archbench.core.canaries._model import CanarySite, Leaf

# Context managers that can make an assertion inside them unreachable or swallowed.
_SWALLOWING_CONTEXTS = frozenset({"raises", "warns", "suppress", "deprecated_call"})


@dataclass(frozen=True)
class CollectedTest:
    """A test function as pytest collects it, with the scope it lives in."""

    key: str
    node: ast.FunctionDef | ast.AsyncFunctionDef
    later_siblings: tuple[ast.stmt, ...]  # tests of the same scope from this one on
    scope_names: frozenset[str]
    class_prefix: str  # 'Class::' or ''


def canary_sites(tests: Mapping[str, str]) -> list[CanarySite]:
    """Every assertion of the hidden tests that a canary can copy, in file and line order."""
    sites: list[CanarySite] = []
    for path, source in sorted(tests.items()):
        for function in collected_tests(path, source):
            sites += [
                CanarySite(path, function.key, node.lineno, leaves)
                for node, leaves in _equality_assertions(function.node)
            ]
    return sites


def collected_tests(path: str, source: str) -> list[CollectedTest]:
    """Test functions the way `test_results.expected_tests` keys them."""
    name = PurePosixPath(path)
    if name.suffix != ".py" or not name.name.startswith("test"):
        return []
    module = ast.parse(source)
    found = _scope_tests(name.stem, "", module.body)
    for node in module.body:
        if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            found += _scope_tests(name.stem, f"{node.name}::", node.body)
    return found


def _scope_tests(stem: str, prefix: str, body: list[ast.stmt]) -> list[CollectedTest]:
    tests = [
        node
        for node in body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test")
    ]
    names = frozenset(_bound_names(body))
    return [
        CollectedTest(f"{stem}::{prefix}{node.name}", node, tuple(tests[i:]), names, prefix)
        for i, node in enumerate(tests)
    ]


def _bound_names(body: list[ast.stmt]) -> Iterator[str]:
    """Names a module or class body binds: a canary's name must not rebind one."""
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield node.name
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield from ((alias.asname or alias.name).split(".")[0] for alias in node.names)
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        yield from (target.id for target in targets if isinstance(target, ast.Name))


def _equality_assertions(
    function: ast.FunctionDef | ast.AsyncFunctionDef,
) -> Iterator[tuple[ast.Assert, tuple[Leaf, ...]]]:
    for statement in _reached_statements(function.body):
        if isinstance(statement, ast.Assert):
            leaves = compared_literal(statement.test)
            if leaves:
                yield statement, leaves


def _reached_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements that run whenever the ones before them completed: the body, and the bodies
    of `with` blocks that cannot swallow an exception."""
    for statement in body:
        yield statement
        if isinstance(statement, ast.With | ast.AsyncWith) and not any(
            call_name(item.context_expr) in _SWALLOWING_CONTEXTS for item in statement.items
        ):
            yield from _reached_statements(statement.body)
