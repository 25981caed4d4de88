"""Operators that rewrite an expression: comparisons, boolean logic, off-by-one adjustments,
arithmetic, `min`/`max`, constants and flags, and the order of call arguments."""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterator

from archbench.core.mutation._context import (
    MutationContext,
    call_name,
    is_constant,
    replace_node,
    swap_token,
)
from archbench.core.mutation._model import (
    ARGUMENT_SWAP,
    ARITHMETIC,
    BOOLEAN_LOGIC,
    COMPARISON_BOUNDARY,
    OFF_BY_ONE,
    RETURN_VALUE,
    WRONG_CONSTANT,
    Proposal,
    TextEdit,
)
from archbench.core.mutation._source_text import SourceText

_BOUNDARY_SWAPS: dict[type[ast.cmpop], tuple[str, str]] = {
    ast.Lt: ("<", "<="),
    ast.LtE: ("<=", "<"),
    ast.Gt: (">", ">="),
    ast.GtE: (">=", ">"),
}
_NEGATION_SWAPS: dict[type[ast.cmpop], tuple[str, str]] = {
    ast.Eq: ("==", "!="),
    ast.NotEq: ("!=", "=="),
    ast.Is: ("is", "is not"),
    ast.IsNot: ("is not", "is"),
    ast.In: ("in", "not in"),
    ast.NotIn: ("not in", "in"),
}
# Calls whose argument order is conventional or symmetric: swapping them is noise, not a bug.
_UNSWAPPABLE_CALLS = frozenset(
    {"isinstance", "issubclass", "getattr", "setattr", "hasattr", "min", "max", "print", "zip"}
)
_COLLECTION_BUILDERS = frozenset({"set", "frozenset", "list", "tuple", "sorted", "dict", "str"})


def _operand_gaps(node: ast.Compare) -> Iterator[tuple[ast.cmpop, ast.expr, ast.expr]]:
    left = node.left
    for op, right in zip(node.ops, node.comparators, strict=True):
        yield op, left, right
        left = right


def _comparison_proposals(
    node: ast.AST,
    context: MutationContext,
    swaps: dict[type[ast.cmpop], tuple[str, str]],
    category: str,
) -> Iterator[Proposal]:
    if not isinstance(node, ast.Compare):
        return
    for op, left, right in _operand_gaps(node):
        if type(op) not in swaps:
            continue
        old, new = swaps[type(op)]
        edit = swap_token(context, left, right, old, new)
        if edit:
            yield Proposal(
                f"swap `{old}` for `{new}`",
                category,
                (edit,),
                f"the comparison uses `{new}` where `{old}` is correct",
            )


def boundary_proposals(node: ast.AST, context: MutationContext) -> Iterator[Proposal]:
    """`<` <-> `<=`, `>` <-> `>=`: the classic off-by-one at a limit."""
    yield from _comparison_proposals(node, context, _BOUNDARY_SWAPS, COMPARISON_BOUNDARY)


def negated_comparison_proposals(node: ast.AST, context: MutationContext) -> Iterator[Proposal]:
    """`==` <-> `!=`, `is` <-> `is not`, `in` <-> `not in`: an inverted condition."""
    yield from _comparison_proposals(node, context, _NEGATION_SWAPS, BOOLEAN_LOGIC)


def bool_operator_proposals(node: ast.AST, context: MutationContext) -> Iterator[Proposal]:
    """`and` <-> `or` between two operands of a boolean expression."""
    if not isinstance(node, ast.BoolOp):
        return
    old, new = ("and", "or") if isinstance(node.op, ast.And) else ("or", "and")
    for left, right in itertools.pairwise(node.values):
        edit = swap_token(context, left, right, old, new)
        if edit:
            yield Proposal(
                f"swap `{old}` for `{new}`",
                BOOLEAN_LOGIC,
                (edit,),
                f"the condition combines its checks with `{new}` where `{old}` is correct",
            )


def dropped_not_proposals(node: ast.AST, context: MutationContext) -> Iterator[Proposal]:
    """`not x` -> `x`: only the keyword (and the space after it) is deleted."""
    if not (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)):
        return
    source = context.source
    start = source.start(node)
    keyword = re.match(rb"not\s*", source.data[start : source.start(node.operand)])
    if keyword:
        yield Proposal(
            "drop `not`",
            BOOLEAN_LOGIC,
            (TextEdit(start, start + keyword.end(), ""),),
            "a negation was dropped, so the condition tests the opposite of what it should",
        )


def dropped_one_proposals(node: ast.AST, context: MutationContext) -> Iterator[Proposal]:
    """`x + 1` -> `x` and `x - 1` -> `x`: the adjustment that makes a count or index right."""
    if not (isinstance(node, ast.BinOp) and is_constant(node.right, 1)):
        return
    token = {ast.Add: "+", ast.Sub: "-"}.get(type(node.op))
    if token is None:
        return
    source = context.source
    span = source.find_token(source.end(node.left), source.start(node.right), token)
    if span:
        # Keep a closing parenthesis of the left operand: delete from just before the token.
        left_end = source.end(node.left)
        start = left_end + len(source.data[left_end : span[0]].rstrip())
        edits = (TextEdit(start, source.end(node), ""), *_grouping_parentheses(node, source))
        yield Proposal(
            f"drop `{token} 1`",
            OFF_BY_ONE,
            edits,
            f"off by one: the `{token} 1` adjustment is missing",
        )


def _grouping_parentheses(node: ast.BinOp, source: SourceText) -> tuple[TextEdit, ...]:
    """Edits deleting the parentheses around `(x - 1)` when only `x` remains: `2 ** (x)` would
    point straight at the deleted term. Call parentheses (`f(x - 1)`) are kept."""
    if not isinstance(node.left, ast.Name | ast.Attribute | ast.Constant):
        return ()
    before = source.data[: source.start(node)].rstrip()
    after = source.data[source.end(node) :]
    opening, closing = len(before) - 1, source.end(node) + len(after) - len(after.lstrip())
    if not (before.endswith(b"(") and after.lstrip().startswith(b")")):
        return ()
    preceding = before[:-1].rstrip()[-1:]
    if preceding.isalnum() or preceding in (b"_", b")", b"]"):
        return ()
    return TextEdit(opening, opening + 1, ""), TextEdit(closing, closing + 1, "")


def slice_bound_proposals(node: ast.AST, context: MutationContext) -> Iterator[Proposal]:
    """`items[lo:hi]` -> `items[lo:hi - 1]` / `items[lo + 1:hi]`: a page or window off by one."""
    if not isinstance(node, ast.Slice):
        return
    simple = ast.Name | ast.Attribute | ast.BinOp | ast.Call | ast.Subscript
    for bound, shift in ((node.lower, " + 1"), (node.upper, " - 1")):
        if isinstance(bound, simple):
            end = context.source.end(bound)
            yield Proposal(
                f"shift slice bound by `{shift.strip()}`",
                OFF_BY_ONE,
                (TextEdit(end, end, shift),),
                f"off by one: the slice bound `{context.source.segment(bound)}` is shifted "
                f"by `{shift.strip()}`",
            )


def arithmetic_swap_proposals(node: ast.AST, context: MutationContext) -> Iterator[Proposal]:
    """`a + b` <-> `a - b` where neither side is the constant 1 (covered by dropped-one)."""
    if not isinstance(node, ast.BinOp) or is_constant(node.right, 1):
        return
    swaps = {ast.Add: ("+", "-"), ast.Sub: ("-", "+")}
    if type(node.op) not in swaps or _looks_like_text(node):
        return
    old, new = swaps[type(node.op)]
    edit = swap_token(context, node.left, node.right, old, new)
    if edit:
        yield Proposal(
            f"swap `{old}` for `{new}`",
            ARITHMETIC,
            (edit,),
            f"the arithmetic uses `{new}` where `{old}` is correct",
        )


def _looks_like_text(node: ast.BinOp) -> bool:
    """String, list or set arithmetic: a swapped operator would fail with a TypeError, not
    behave subtly wrong."""
    return any(
        isinstance(side, ast.JoinedStr | ast.List | ast.Tuple | ast.Set | ast.ListComp)
        or (isinstance(side, ast.Constant) and isinstance(side.value, str | bytes))
        or (isinstance(side, ast.Call) and call_name(side) in _COLLECTION_BUILDERS)
        for side in (node.left, node.right)
    )


def min_max_proposals(node: ast.AST, context: MutationContext) -> Iterator[Proposal]:
    """`min(...)` <-> `max(...)`: a clamp or a deadline computed the wrong way round."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        return
    swaps = {"min": "max", "max": "min"}
    if node.func.id in swaps:
        new = swaps[node.func.id]
        yield Proposal(
            f"swap `{node.func.id}` for `{new}`",
            RETURN_VALUE,
            (replace_node(context, node.func, new),),
            f"the value is computed with `{new}(...)` where `{node.func.id}(...)` is correct",
        )


def numeric_constant_proposals(node: ast.AST, context: MutationContext) -> Iterator[Proposal]:
    """A limit, timeout or size changed: ints by one either way, floats by a factor of ten."""
    if not isinstance(node, ast.Constant) or _is_index(node, context):
        return
    value = node.value
    replacements: list[int | float]
    if type(value) is int:
        replacements = [value + 1, *([value - 1] if value >= 2 else [])]
    elif type(value) is float and value > 0:
        replacements = [value * 10]
    else:
        return
    for new in replacements:
        yield Proposal(
            f"change constant {value!r} to {new!r}",
            WRONG_CONSTANT,
            (replace_node(context, node, repr(new)),),
            f"the constant `{value!r}` was changed to `{new!r}`",
        )


def _is_index(node: ast.Constant, context: MutationContext) -> bool:
    """`row[0]`, `parts[1]`: positional indexes, not tunable limits."""
    parent = context.parent(node)
    if isinstance(parent, ast.UnaryOp):
        parent = context.parent(parent)
    # `x + 1` is the dropped-one operator's site; changing it to `x + 2` adds nothing.
    return isinstance(parent, ast.Subscript) or (
        is_constant(node, 1) and isinstance(parent, ast.BinOp)
    )


def flag_proposals(node: ast.AST, context: MutationContext) -> Iterator[Proposal]:
    """`True` <-> `False` outside a return: a configuration flag or a state set wrong."""
    if not isinstance(node, ast.Constant) or type(node.value) is not bool:
        return
    if isinstance(context.parent(node), ast.Return):
        return
    old = node.value
    yield Proposal(
        f"flip flag `{old}` to `{not old}`",
        WRONG_CONSTANT,
        (replace_node(context, node, str(not old)),),
        f"the flag has the wrong value: `{not old}` where it should be `{old}`",
    )


def _is_variable(node: ast.expr) -> bool:
    return isinstance(node, ast.Name | ast.Attribute)


def argument_swap_proposals(node: ast.AST, context: MutationContext) -> Iterator[Proposal]:
    """Swap two adjacent variable arguments of a call, positional or keyword."""
    if not isinstance(node, ast.Call) or call_name(node) in _UNSWAPPABLE_CALLS:
        return
    pairs = list(itertools.pairwise(node.args))
    values = [keyword.value for keyword in node.keywords if keyword.arg is not None]
    pairs += list(itertools.pairwise(values))
    source = context.source
    for first, second in pairs:
        if not (_is_variable(first) and _is_variable(second)):
            continue
        first_text, second_text = source.segment(first), source.segment(second)
        if first_text == second_text:
            continue
        yield Proposal(
            "swap two arguments",
            ARGUMENT_SWAP,
            (replace_node(context, first, second_text), replace_node(context, second, first_text)),
            f"`{first_text}` and `{second_text}` are passed in swapped positions "
            f"to `{call_name(node)}`",
        )
