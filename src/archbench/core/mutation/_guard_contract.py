"""Whether the contract a removed `if ...: raise` guard enforced is still visible to a reviewer.

Deleting a guard deletes its error message too, so the mutant can leave nothing that says the
check was ever wanted; a reviewer could then only guess (issue 17 item 3). The contract counts
as visible when, after the guard is gone, one of these still states it:

- the enclosing function raises the same exception for another input: its remaining checks
  show it is where inputs are validated, and which error it owes its callers;
- a docstring of the function, of its class or of the module names the exception, or says what
  is raised or rejected;
- the guard tested `x is None` and the function's return annotation excludes None: the type
  promises a value the unguarded code cannot always give.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from archbench.core.mutation._context import MutationContext

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
# Words with which a docstring states a check: "Raises InvalidRange if ...", "rejects ...".
_CONTRACT_WORDS = ("raise", "reject")


def raise_guard_contract_visible(guard: ast.If, context: MutationContext) -> bool:
    """Whether removing `guard` (whose body ends in a `raise`) leaves its contract visible."""
    raised = _raised_name(guard.body[-1])
    function = _enclosing_function(guard, context)
    return (
        _raised_elsewhere(raised, guard, function)
        or _documented(raised, guard, context)
        or _promised_by_return_type(guard, function, context)
    )


def _raised_name(statement: ast.stmt) -> str | None:
    """`raise Error(...)`, `raise module.Error` -> the exception's name; a bare raise: None."""
    if not isinstance(statement, ast.Raise) or statement.exc is None:
        return None
    raised = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
    if isinstance(raised, ast.Attribute):
        return raised.attr
    return raised.id if isinstance(raised, ast.Name) else None


def _ancestors(node: ast.AST, context: MutationContext) -> Iterator[ast.AST]:
    parent = context.parent(node)
    while parent is not None:
        yield parent
        parent = context.parent(parent)


def _enclosing_function(
    node: ast.AST, context: MutationContext
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    return next((a for a in _ancestors(node, context) if isinstance(a, _FUNCTIONS)), None)


def _raised_elsewhere(
    raised: str | None, guard: ast.If, function: ast.FunctionDef | ast.AsyncFunctionDef | None
) -> bool:
    if raised is None or function is None:
        return False
    removed = {id(node) for node in ast.walk(guard)}
    return any(
        isinstance(node, ast.Raise) and id(node) not in removed and _raised_name(node) == raised
        for node in ast.walk(function)
    )


def _documented(raised: str | None, guard: ast.If, context: MutationContext) -> bool:
    """A docstring of a function, class or module around the guard states the contract."""
    documented = (*_FUNCTIONS, ast.ClassDef, ast.Module)
    holders = [a for a in _ancestors(guard, context) if isinstance(a, documented)]
    text = " ".join(filter(None, (ast.get_docstring(h) for h in holders)))
    mentions_error = raised is not None and raised in text
    return mentions_error or any(word in text.lower() for word in _CONTRACT_WORDS)


def _promised_by_return_type(
    guard: ast.If, function: ast.FunctionDef | ast.AsyncFunctionDef | None, context: MutationContext
) -> bool:
    test = guard.test
    checks_none = (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.Is)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    )
    if not checks_none or function is None or function.returns is None:
        return False
    annotation = context.source.segment(function.returns)
    return "None" not in annotation and "Optional" not in annotation
