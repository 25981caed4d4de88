"""Operators that change what a block of statements does: a guard removed, a wrong value
returned, an exception handled too broadly, too narrowly or swallowed, a side effect dropped.
Comments above a deleted statement go with it."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from archbench.core.mutation._context import MutationContext, replace_node
from archbench.core.mutation._guard_contract import raise_guard_contract_visible
from archbench.core.mutation._model import (
    EXCEPTION_HANDLING,
    MISSING_GUARD,
    MISSING_SIDE_EFFECT,
    RETURN_VALUE,
    Proposal,
    TextEdit,
)

_LOGGING_NAMES = frozenset({"logger", "log", "logging", "_logger", "_log", "LOGGER"})


def _guard_body_exit(node: ast.If) -> str | None:
    """What a guard does when it fires: 'raise', 'continue' or 'return', else None."""
    if node.orelse:
        return None
    last = node.body[-1]
    if isinstance(last, ast.Raise):
        return "raise"
    if len(node.body) == 1 and isinstance(last, ast.Continue | ast.Return):
        return "continue" if isinstance(last, ast.Continue) else "return"
    return None


def _statement_block(node: ast.stmt, context: MutationContext) -> list[ast.stmt] | None:
    parent = context.parent(node)
    for name in ("body", "orelse", "finalbody", "handlers"):
        block = getattr(parent, name, None)
        if isinstance(block, list) and any(item is node for item in block):
            return block
    return None


def _removable(node: ast.stmt, context: MutationContext) -> tuple[int, int] | None:
    """The line span to delete for `node`, when deleting it leaves a valid block."""
    block = _statement_block(node, context)
    if block is None or len(block) < 2 or (_is_docstring(block[0]) and len(block) < 3):
        return None
    return context.source.whole_lines(node, node)


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def removed_guard_proposals(node: ast.AST, context: MutationContext) -> Iterator[Proposal]:
    """Delete an `if <condition>: raise/continue/return` check, with its leading comment."""
    if not isinstance(node, ast.If):
        return
    exit_kind = _guard_body_exit(node)
    span = _removable(node, context) if exit_kind else None
    if span:
        condition = context.source.segment(node.test)
        # A `return`/`continue` guard is a branch of the function's own logic, still in view;
        # a `raise` guard takes its error message with it, so its contract must show elsewhere.
        visible = exit_kind != "raise" or raise_guard_contract_visible(node, context)
        yield Proposal(
            f"remove `if ...: {exit_kind}` guard",
            MISSING_GUARD,
            (TextEdit(span[0], span[1], ""),),
            f"missing guard: the check `if {condition}: {exit_kind} ...` was removed",
            removes_lines=True,
            contract_visible=visible,
        )


def return_flag_proposals(node: ast.AST, context: MutationContext) -> Iterator[Proposal]:
    """`return True` <-> `return False`."""
    if not (isinstance(node, ast.Return) and isinstance(node.value, ast.Constant)):
        return
    if type(node.value.value) is bool:
        old = node.value.value
        yield Proposal(
            f"return `{not old}` instead of `{old}`",
            RETURN_VALUE,
            (replace_node(context, node.value, str(not old)),),
            f"the function returns `{not old}` where it should return `{old}`",
        )


def return_none_proposals(node: ast.AST, context: MutationContext) -> Iterator[Proposal]:
    """`return <name>` -> `return None` in a function declared to return an Optional, so the
    mutant still type-checks: a lookup that misses when it should hit."""
    if not isinstance(node, ast.Return) or not isinstance(node.value, ast.Name):
        return
    if not _returns_optional(node, context):
        return
    yield Proposal(
        "return `None` instead of the value",
        RETURN_VALUE,
        (replace_node(context, node.value, "None"),),
        f"the function returns `None` where it should return `{node.value.id}`",
    )


def _returns_optional(node: ast.AST, context: MutationContext) -> bool:
    function = context.parent(node)
    while function is not None and not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        function = context.parent(function)
    if function is None or function.returns is None:
        return False
    annotation = context.source.segment(function.returns)
    return "None" in annotation or "Optional" in annotation


def broadened_except_proposals(node: ast.AST, context: MutationContext) -> Iterator[Proposal]:
    """`except SpecificError:` -> `except Exception:`: unrelated failures get handled too."""
    if not isinstance(node, ast.ExceptHandler) or node.type is None:
        return
    caught = context.source.segment(node.type)
    if isinstance(node.type, ast.Name | ast.Attribute) and caught not in (
        "Exception",
        "BaseException",
    ):
        yield Proposal(
            "broaden `except` to `Exception`",
            EXCEPTION_HANDLING,
            (replace_node(context, node.type, "Exception"),),
            f"the handler catches every `Exception` instead of only `{caught}`",
        )


def narrowed_except_proposals(node: ast.AST, context: MutationContext) -> Iterator[Proposal]:
    """`except (A, B):` -> `except A:`: one of the expected failures escapes."""
    if not (isinstance(node, ast.ExceptHandler) and isinstance(node.type, ast.Tuple)):
        return
    names = [context.source.segment(element) for element in node.type.elts]
    for index, dropped in enumerate(names):
        kept = names[:index] + names[index + 1 :]
        text = kept[0] if len(kept) == 1 else "(" + ", ".join(kept) + ")"
        yield Proposal(
            f"drop `{dropped}` from `except`",
            EXCEPTION_HANDLING,
            (replace_node(context, node.type, text),),
            f"the handler no longer catches `{dropped}`, so that failure escapes",
        )


def swallowed_raise_proposals(node: ast.AST, context: MutationContext) -> Iterator[Proposal]:
    """Delete the re-raise at the end of an `except` block: the error is swallowed."""
    if not (isinstance(node, ast.ExceptHandler) and isinstance(node.body[-1], ast.Raise)):
        return
    raise_node = node.body[-1]
    if len(node.body) == 1:
        edit = replace_node(context, raise_node, "pass")
    else:
        span = context.source.whole_lines(raise_node, raise_node)
        if span is None:
            return
        edit = TextEdit(span[0], span[1], "")
    yield Proposal(
        "swallow the exception",
        EXCEPTION_HANDLING,
        (edit,),
        "the exception handler swallows the error instead of raising it",
        removes_lines=not edit.replacement,
    )


def removed_statement_proposals(node: ast.AST, context: MutationContext) -> Iterator[Proposal]:
    """Delete a call statement or an attribute update (`conn.commit()`, `self._count += 1`)."""
    if not _is_side_effect(node):
        return
    assert isinstance(node, ast.stmt)
    span = _removable(node, context)
    if span:
        statement = context.source.segment(node).splitlines()[0]
        yield Proposal(
            "remove a statement",
            MISSING_SIDE_EFFECT,
            (TextEdit(span[0], span[1], ""),),
            f"the statement `{statement}` is missing",
            removes_lines=True,
        )


def _is_side_effect(node: ast.AST) -> bool:
    if isinstance(node, ast.Expr):
        call = node.value.value if isinstance(node.value, ast.Await) else node.value
        return isinstance(call, ast.Call) and not _is_logging(call)
    if isinstance(node, ast.AugAssign):
        return isinstance(node.target, ast.Attribute | ast.Subscript)
    if isinstance(node, ast.Assign):
        return all(isinstance(target, ast.Attribute) for target in node.targets)
    return False


def _is_logging(call: ast.Call) -> bool:
    function = call.func
    if isinstance(function, ast.Name):
        return function.id == "print"
    base = function.value if isinstance(function, ast.Attribute) else None
    return isinstance(base, ast.Name) and base.id in _LOGGING_NAMES
