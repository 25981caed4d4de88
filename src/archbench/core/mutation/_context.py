"""What operators and the mutant checks need to know about a tree: each node's parent, the
nodes never to touch, and the names a linter or type checker would report as unused.

A mutant that a tool would point at is never offered: one that leaves an import, a parameter,
a local or an `except ... as` name unused, or deletes the only assignment of an attribute that
is still read. The sets computed here, for the clean and the mutated tree, decide that.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field

from archbench.core.mutation._model import TextEdit
from archbench.core.mutation._source_text import SourceText


@dataclass
class MutationContext:
    """Facts about the tree that operators need: parents, and nodes never to touch."""

    source: SourceText
    parents: dict[int, ast.AST] = field(default_factory=dict)
    excluded: set[int] = field(default_factory=set)
    used_imports: set[str] = field(default_factory=set)
    unused_locals: set[tuple[int, str, str]] = field(default_factory=set)
    unassigned_attributes: set[str] = field(default_factory=set)

    def parent(self, node: ast.AST) -> ast.AST | None:
        return self.parents.get(id(node))


def build_context(tree: ast.Module, source: SourceText) -> MutationContext:
    context = MutationContext(
        source,
        used_imports=_imported_names(tree) & used_names(tree),
        unused_locals=unused_locals(tree),
        unassigned_attributes=unassigned_attributes(tree),
    )
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            context.parents[id(child)] = node
        for untouchable in _untouchable_subtrees(node):
            context.excluded.update(id(n) for n in ast.walk(untouchable))
    return context


def _untouchable_subtrees(node: ast.AST) -> Iterator[ast.AST]:
    """Annotations (not behaviour), decorators (`frozen=False` is class mechanics, not a
    backend bug), f-strings (3.11 positions inside them are unreliable) and
    `if __name__ == "__main__":` blocks (not exercised by tests)."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        yield from node.decorator_list
    if isinstance(node, ast.arg | ast.AnnAssign) and node.annotation is not None:
        yield node.annotation
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns is not None:
        yield node.returns
    if isinstance(node, ast.JoinedStr):
        yield node
    if isinstance(node, ast.If) and "__main__" in ast.dump(node.test):
        yield node


def swap_token(
    context: MutationContext, left: ast.AST, right: ast.AST, old: str, new: str
) -> TextEdit | None:
    span = context.source.find_token(context.source.end(left), context.source.start(right), old)
    return TextEdit(span[0], span[1], new) if span else None


def replace_node(context: MutationContext, node: ast.AST, text: str) -> TextEdit:
    return TextEdit(context.source.start(node), context.source.end(node), text)


def call_name(node: ast.Call) -> str:
    function = node.func
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def is_constant(node: ast.AST, value: int) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int and node.value == value


def unused_locals(tree: ast.Module) -> set[tuple[int, str, str]]:
    """(function ordinal, function, name) of each parameter, local or `except ... as` name a
    function binds and never reads. A mutant that adds one is dropped: a linter flags it and
    points at the bug (`self._store = store` deleted leaves `store` unused)."""
    functions = (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef))
    return {
        (ordinal, function.name, name)
        for ordinal, function in enumerate(functions)
        for name in _bound_never_read(function)
    }


def _bound_never_read(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    arguments = function.args
    every_argument = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    bound = {argument.arg for argument in every_argument} - {"self", "cls"}
    read: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return bound - read


def unassigned_attributes(tree: ast.Module) -> set[str]:
    """`self.<name>` attributes read but never assigned (nor declared in a class body). A
    deleted `self._store = store` that leaves one behind is flagged by any type checker."""
    assigned: set[str] = set()
    read: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            assigned.update(_declared_names(node))
        if isinstance(node, ast.Attribute) and _is_self(node.value):
            (assigned if isinstance(node.ctx, ast.Store) else read).add(node.attr)
    return read - assigned


def _is_self(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "self"


def _declared_names(node: ast.ClassDef) -> set[str]:
    """Names a class body binds: dataclass fields, class attributes, methods."""
    names: set[str] = set()
    for statement in node.body:
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            names.add(statement.target.id)
        elif isinstance(statement, ast.Assign):
            names.update(t.id for t in statement.targets if isinstance(t, ast.Name))
        elif isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(statement.name)
    return names


def _imported_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


def used_names(tree: ast.Module) -> set[str]:
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
