"""Seed realistic backend bugs into clean Python source by AST mutation.

Each operator finds a site in the AST and proposes byte-exact edits to the original text (node
positions, never `ast.unparse`), so formatting and comments survive and a diff of the mutant
against the clean file shows only the bug. Operators are grouped into bug categories that a
reviewer would name (comparison boundary, missing guard, ...).

A mutant that a tool would point at is never offered: one that no longer parses, leaves an
import, a parameter, a local or an `except ... as` name unused, or deletes the only assignment
of an attribute that is still read. Comments above a deleted statement go with it.

Sampling is seeded: `plan_queues` orders each category's candidates (source tasks taking turns)
and `BalancedPicker` lets categories take turns until one candidate of each is kept, within the
caps of a `Quota`. Everything here is pure (no I/O): the seeder command runs the hidden tests
whose verdict (`is_killed`) decides which mutants are kept.
"""

from __future__ import annotations

import ast
import hashlib
import itertools
import math
import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from archbench.core.test_results import TestRunSummary

COMPARISON_BOUNDARY = "comparison-boundary"
OFF_BY_ONE = "off-by-one"
ARITHMETIC = "arithmetic"
BOOLEAN_LOGIC = "boolean-logic"
MISSING_GUARD = "missing-guard"
RETURN_VALUE = "return-value"
EXCEPTION_HANDLING = "exception-handling"
WRONG_CONSTANT = "wrong-constant"
ARGUMENT_SWAP = "argument-swap"
MISSING_SIDE_EFFECT = "missing-side-effect"
CATEGORIES = (
    COMPARISON_BOUNDARY,
    OFF_BY_ONE,
    ARITHMETIC,
    BOOLEAN_LOGIC,
    MISSING_GUARD,
    RETURN_VALUE,
    EXCEPTION_HANDLING,
    WRONG_CONSTANT,
    ARGUMENT_SWAP,
    MISSING_SIDE_EFFECT,
)

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
# How each operator token is found in the text between two operands (comments masked out).
_TOKEN_PATTERNS: dict[str, bytes] = {
    "<": rb"<(?![<=])",
    "<=": rb"<=",
    ">": rb"(?<!-)>(?![>=])",
    ">=": rb">=",
    "==": rb"==",
    "!=": rb"!=",
    "is": rb"\bis\b(?!\s+not\b)",
    "is not": rb"\bis\s+not\b",
    "in": rb"(?<!not )\bin\b",
    "not in": rb"\bnot\s+in\b",
    "and": rb"\band\b",
    "or": rb"\bor\b",
    "+": rb"\+",
    "-": rb"-",
}
# Calls whose argument order is conventional or symmetric: swapping them is noise, not a bug.
_UNSWAPPABLE_CALLS = frozenset(
    {"isinstance", "issubclass", "getattr", "setattr", "hasattr", "min", "max", "print", "zip"}
)
_COLLECTION_BUILDERS = frozenset({"set", "frozenset", "list", "tuple", "sorted", "dict", "str"})
_LOGGING_NAMES = frozenset({"logger", "log", "logging", "_logger", "_log", "LOGGER"})


class MutationError(ValueError):
    """An edit does not apply to its source (overlapping or out of range)."""


@dataclass(frozen=True)
class TextEdit:
    """Replace the UTF-8 bytes [start, end) of the source with `replacement`."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Proposal:
    """What an operator suggests at one site, before it is applied and checked."""

    operator: str
    category: str
    edits: tuple[TextEdit, ...]
    description: str
    removes_lines: bool = False


@dataclass(frozen=True)
class Mutant:
    """One applied mutation of one file: the mutated source and where the bug now sits."""

    path: str
    operator: str
    category: str
    description: str
    lines: tuple[int, int]
    source: str
    key: str


@dataclass(frozen=True)
class Candidate:
    """A mutant of a file of a source task, waiting to be tested."""

    source_task: str
    mutant: Mutant


class SourceText:
    """Source text with conversions between AST positions and UTF-8 byte offsets.

    AST column offsets count UTF-8 bytes, so all edits are made on the encoded text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode("utf-8")
        self.line_starts = [0]
        for match in re.finditer(rb"\n", self.data):
            self.line_starts.append(match.end())

    def offset(self, lineno: int, col: int) -> int:
        return self.line_starts[lineno - 1] + col

    def start(self, node: ast.AST) -> int:
        return self.offset(node.lineno, node.col_offset)  # type: ignore[attr-defined]

    def end(self, node: ast.AST) -> int:
        return self.offset(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]

    def segment(self, node: ast.AST) -> str:
        return self.data[self.start(node) : self.end(node)].decode("utf-8")

    def line_of(self, offset: int) -> int:
        """1-based line number holding byte `offset`."""
        low, high = 0, len(self.line_starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.line_starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low + 1

    def find_token(self, start: int, end: int, token: str) -> tuple[int, int] | None:
        """The byte span of operator `token` between two operands, ignoring comments."""
        gap = re.sub(rb"#[^\n]*", lambda m: b" " * len(m.group()), self.data[start:end])
        found = re.search(_TOKEN_PATTERNS[token], gap)
        return (start + found.start(), start + found.end()) if found else None

    def whole_lines(self, first: ast.stmt, last: ast.stmt) -> tuple[int, int] | None:
        """The byte span of the full lines a run of statements occupies, with the comment
        block right above it; None when code shares those lines (`x = 1; y = 2`)."""
        start, end = self.start(first), self.end(last)
        line_start = self.line_starts[first.lineno - 1]
        if self.data[line_start:start].strip():
            return None
        line_end = self.data.find(b"\n", end)
        line_end = len(self.data) if line_end < 0 else line_end + 1
        if self.data[end:line_end].split(b"#", 1)[0].strip():
            return None
        return self._with_leading_comments(line_start, first.lineno), line_end

    def _with_leading_comments(self, line_start: int, lineno: int) -> int:
        # A comment that explains a deleted check would give the bug away: it goes too.
        while lineno > 1:
            previous = self.line_starts[lineno - 2]
            if not self.data[previous:line_start].strip().startswith(b"#"):
                break
            line_start, lineno = previous, lineno - 1
        return line_start


@dataclass
class _Context:
    """Facts about the tree that operators need: parents, and nodes never to touch."""

    source: SourceText
    parents: dict[int, ast.AST] = field(default_factory=dict)
    excluded: set[int] = field(default_factory=set)
    used_imports: set[str] = field(default_factory=set)
    unused_locals: set[tuple[int, str, str]] = field(default_factory=set)
    unassigned_attributes: set[str] = field(default_factory=set)

    def parent(self, node: ast.AST) -> ast.AST | None:
        return self.parents.get(id(node))


def _build_context(tree: ast.Module, source: SourceText) -> _Context:
    context = _Context(
        source,
        used_imports=_imported_names(tree) & _used_names(tree),
        unused_locals=_unused_locals(tree),
        unassigned_attributes=_unassigned_attributes(tree),
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


ProposalFinder = Callable[[ast.AST, _Context], Iterator[Proposal]]


def _operand_gaps(node: ast.Compare) -> Iterator[tuple[ast.cmpop, ast.expr, ast.expr]]:
    left = node.left
    for op, right in zip(node.ops, node.comparators, strict=True):
        yield op, left, right
        left = right


def _swap_token(
    context: _Context, left: ast.AST, right: ast.AST, old: str, new: str
) -> TextEdit | None:
    span = context.source.find_token(context.source.end(left), context.source.start(right), old)
    return TextEdit(span[0], span[1], new) if span else None


def _comparison_proposals(
    node: ast.AST, context: _Context, swaps: dict[type[ast.cmpop], tuple[str, str]], category: str
) -> Iterator[Proposal]:
    if not isinstance(node, ast.Compare):
        return
    for op, left, right in _operand_gaps(node):
        if type(op) not in swaps:
            continue
        old, new = swaps[type(op)]
        edit = _swap_token(context, left, right, old, new)
        if edit:
            yield Proposal(
                f"swap `{old}` for `{new}`",
                category,
                (edit,),
                f"the comparison uses `{new}` where `{old}` is correct",
            )


def _boundary_proposals(node: ast.AST, context: _Context) -> Iterator[Proposal]:
    """`<` <-> `<=`, `>` <-> `>=`: the classic off-by-one at a limit."""
    yield from _comparison_proposals(node, context, _BOUNDARY_SWAPS, COMPARISON_BOUNDARY)


def _negated_comparison_proposals(node: ast.AST, context: _Context) -> Iterator[Proposal]:
    """`==` <-> `!=`, `is` <-> `is not`, `in` <-> `not in`: an inverted condition."""
    yield from _comparison_proposals(node, context, _NEGATION_SWAPS, BOOLEAN_LOGIC)


def _bool_operator_proposals(node: ast.AST, context: _Context) -> Iterator[Proposal]:
    """`and` <-> `or` between two operands of a boolean expression."""
    if not isinstance(node, ast.BoolOp):
        return
    old, new = ("and", "or") if isinstance(node.op, ast.And) else ("or", "and")
    for left, right in itertools.pairwise(node.values):
        edit = _swap_token(context, left, right, old, new)
        if edit:
            yield Proposal(
                f"swap `{old}` for `{new}`",
                BOOLEAN_LOGIC,
                (edit,),
                f"the condition combines its checks with `{new}` where `{old}` is correct",
            )


def _dropped_not_proposals(node: ast.AST, context: _Context) -> Iterator[Proposal]:
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


def _is_constant(node: ast.AST, value: int) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int and node.value == value


def _dropped_one_proposals(node: ast.AST, context: _Context) -> Iterator[Proposal]:
    """`x + 1` -> `x` and `x - 1` -> `x`: the adjustment that makes a count or index right."""
    if not (isinstance(node, ast.BinOp) and _is_constant(node.right, 1)):
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


def _slice_bound_proposals(node: ast.AST, context: _Context) -> Iterator[Proposal]:
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


def _arithmetic_swap_proposals(node: ast.AST, context: _Context) -> Iterator[Proposal]:
    """`a + b` <-> `a - b` where neither side is the constant 1 (covered by dropped-one)."""
    if not isinstance(node, ast.BinOp) or _is_constant(node.right, 1):
        return
    swaps = {ast.Add: ("+", "-"), ast.Sub: ("-", "+")}
    if type(node.op) not in swaps or _looks_like_text(node):
        return
    old, new = swaps[type(node.op)]
    edit = _swap_token(context, node.left, node.right, old, new)
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
        or (isinstance(side, ast.Call) and _call_name(side) in _COLLECTION_BUILDERS)
        for side in (node.left, node.right)
    )


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


def _statement_block(node: ast.stmt, context: _Context) -> list[ast.stmt] | None:
    parent = context.parent(node)
    for name in ("body", "orelse", "finalbody", "handlers"):
        block = getattr(parent, name, None)
        if isinstance(block, list) and any(item is node for item in block):
            return block
    return None


def _removable(node: ast.stmt, context: _Context) -> tuple[int, int] | None:
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


def _removed_guard_proposals(node: ast.AST, context: _Context) -> Iterator[Proposal]:
    """Delete an `if <condition>: raise/continue/return` check, with its leading comment."""
    if not isinstance(node, ast.If):
        return
    exit_kind = _guard_body_exit(node)
    span = _removable(node, context) if exit_kind else None
    if span:
        condition = context.source.segment(node.test)
        yield Proposal(
            f"remove `if ...: {exit_kind}` guard",
            MISSING_GUARD,
            (TextEdit(span[0], span[1], ""),),
            f"missing guard: the check `if {condition}: {exit_kind} ...` was removed",
            removes_lines=True,
        )


def _return_flag_proposals(node: ast.AST, context: _Context) -> Iterator[Proposal]:
    """`return True` <-> `return False`."""
    if not (isinstance(node, ast.Return) and isinstance(node.value, ast.Constant)):
        return
    if type(node.value.value) is bool:
        old = node.value.value
        yield Proposal(
            f"return `{not old}` instead of `{old}`",
            RETURN_VALUE,
            (_replace(context, node.value, str(not old)),),
            f"the function returns `{not old}` where it should return `{old}`",
        )


def _return_none_proposals(node: ast.AST, context: _Context) -> Iterator[Proposal]:
    """`return <name>` -> `return None` in a function declared to return an Optional, so the
    mutant still type-checks: a lookup that misses when it should hit."""
    if not isinstance(node, ast.Return) or not isinstance(node.value, ast.Name):
        return
    if not _returns_optional(node, context):
        return
    yield Proposal(
        "return `None` instead of the value",
        RETURN_VALUE,
        (_replace(context, node.value, "None"),),
        f"the function returns `None` where it should return `{node.value.id}`",
    )


def _returns_optional(node: ast.AST, context: _Context) -> bool:
    function = context.parent(node)
    while function is not None and not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        function = context.parent(function)
    if function is None or function.returns is None:
        return False
    annotation = context.source.segment(function.returns)
    return "None" in annotation or "Optional" in annotation


def _min_max_proposals(node: ast.AST, context: _Context) -> Iterator[Proposal]:
    """`min(...)` <-> `max(...)`: a clamp or a deadline computed the wrong way round."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        return
    swaps = {"min": "max", "max": "min"}
    if node.func.id in swaps:
        new = swaps[node.func.id]
        yield Proposal(
            f"swap `{node.func.id}` for `{new}`",
            RETURN_VALUE,
            (_replace(context, node.func, new),),
            f"the value is computed with `{new}(...)` where `{node.func.id}(...)` is correct",
        )


def _replace(context: _Context, node: ast.AST, text: str) -> TextEdit:
    return TextEdit(context.source.start(node), context.source.end(node), text)


def _broadened_except_proposals(node: ast.AST, context: _Context) -> Iterator[Proposal]:
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
            (_replace(context, node.type, "Exception"),),
            f"the handler catches every `Exception` instead of only `{caught}`",
        )


def _narrowed_except_proposals(node: ast.AST, context: _Context) -> Iterator[Proposal]:
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
            (_replace(context, node.type, text),),
            f"the handler no longer catches `{dropped}`, so that failure escapes",
        )


def _swallowed_raise_proposals(node: ast.AST, context: _Context) -> Iterator[Proposal]:
    """Delete the re-raise at the end of an `except` block: the error is swallowed."""
    if not (isinstance(node, ast.ExceptHandler) and isinstance(node.body[-1], ast.Raise)):
        return
    raise_node = node.body[-1]
    if len(node.body) == 1:
        edit = _replace(context, raise_node, "pass")
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


def _numeric_constant_proposals(node: ast.AST, context: _Context) -> Iterator[Proposal]:
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
            (_replace(context, node, repr(new)),),
            f"the constant `{value!r}` was changed to `{new!r}`",
        )


def _is_index(node: ast.Constant, context: _Context) -> bool:
    """`row[0]`, `parts[1]`: positional indexes, not tunable limits."""
    parent = context.parent(node)
    if isinstance(parent, ast.UnaryOp):
        parent = context.parent(parent)
    # `x + 1` is the dropped-one operator's site; changing it to `x + 2` adds nothing.
    return isinstance(parent, ast.Subscript) or (
        _is_constant(node, 1) and isinstance(parent, ast.BinOp)
    )


def _flag_proposals(node: ast.AST, context: _Context) -> Iterator[Proposal]:
    """`True` <-> `False` outside a return: a configuration flag or a state set wrong."""
    if not isinstance(node, ast.Constant) or type(node.value) is not bool:
        return
    if isinstance(context.parent(node), ast.Return):
        return
    old = node.value
    yield Proposal(
        f"flip flag `{old}` to `{not old}`",
        WRONG_CONSTANT,
        (_replace(context, node, str(not old)),),
        f"the flag is set to `{not old}` where it should be `{old}`",
    )


def _is_variable(node: ast.expr) -> bool:
    return isinstance(node, ast.Name | ast.Attribute)


def _argument_swap_proposals(node: ast.AST, context: _Context) -> Iterator[Proposal]:
    """Swap two adjacent variable arguments of a call, positional or keyword."""
    if not isinstance(node, ast.Call) or _call_name(node) in _UNSWAPPABLE_CALLS:
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
            (_replace(context, first, second_text), _replace(context, second, first_text)),
            f"`{first_text}` and `{second_text}` are passed in swapped positions "
            f"to `{_call_name(node)}`",
        )


def _call_name(node: ast.Call) -> str:
    function = node.func
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def _removed_statement_proposals(node: ast.AST, context: _Context) -> Iterator[Proposal]:
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


OPERATORS: tuple[ProposalFinder, ...] = (
    _boundary_proposals,
    _negated_comparison_proposals,
    _bool_operator_proposals,
    _dropped_not_proposals,
    _dropped_one_proposals,
    _slice_bound_proposals,
    _arithmetic_swap_proposals,
    _removed_guard_proposals,
    _return_flag_proposals,
    _return_none_proposals,
    _min_max_proposals,
    _broadened_except_proposals,
    _narrowed_except_proposals,
    _swallowed_raise_proposals,
    _numeric_constant_proposals,
    _flag_proposals,
    _argument_swap_proposals,
    _removed_statement_proposals,
)


def apply_edits(source: SourceText, edits: Sequence[TextEdit]) -> str:
    """The source with every edit applied; edits must not overlap."""
    ordered = sorted(edits, key=lambda edit: edit.start)
    pieces: list[bytes] = []
    cursor = 0
    for edit in ordered:
        if edit.start < cursor or edit.end > len(source.data) or edit.end < edit.start:
            raise MutationError(f"edit {edit} overlaps another or is out of range")
        pieces += [source.data[cursor : edit.start], edit.replacement.encode("utf-8")]
        cursor = edit.end
    pieces.append(source.data[cursor:])
    return b"".join(pieces).decode("utf-8")


def mutated_lines(source: SourceText, proposal: Proposal) -> tuple[int, int]:
    """The inclusive line span of the bug in the mutated file.

    Deleted lines leave nothing to point at: the span is the line before the gap and the line
    that now takes its place.
    """
    edits = sorted(proposal.edits, key=lambda edit: edit.start)
    first_line = source.line_of(edits[0].start)
    if proposal.removes_lines:
        return max(1, first_line - 1), first_line
    # Newlines between the first edit's start and the last edit's end, once edits are applied.
    kept = source.data[edits[0].start : edits[-1].end].count(b"\n") - sum(
        source.data[edit.start : edit.end].count(b"\n") for edit in edits
    )
    added = sum(edit.replacement.count("\n") for edit in edits)
    return first_line, first_line + kept + added


def mutants_of(text: str, path: str) -> list[Mutant]:
    """Every valid mutant of one Python file, in a stable order (position, then operator).

    A proposal is kept when the mutated text still parses, differs from the original, and
    leaves nothing a linter or type checker would report (see the module docstring).
    """
    tree = ast.parse(text)
    context = _build_context(tree, SourceText(text))
    mutants: dict[str, Mutant] = {}
    for node in ast.walk(tree):
        if id(node) in context.excluded:
            continue
        for finder in OPERATORS:
            for proposal in finder(node, context):
                mutant = _checked_mutant(context, proposal, path)
                if mutant is not None:
                    mutants.setdefault(mutant.key, mutant)
    return sorted(mutants.values(), key=lambda m: (m.lines, m.operator, m.key))


def _checked_mutant(context: _Context, proposal: Proposal, path: str) -> Mutant | None:
    source = context.source
    try:
        mutated = apply_edits(source, proposal.edits)
        mutated_tree = ast.parse(mutated)
    except (MutationError, SyntaxError):
        return None
    if mutated == source.text or _orphans_an_import(context, mutated_tree):
        return None
    if _unused_locals(mutated_tree) - context.unused_locals:
        return None
    if _unassigned_attributes(mutated_tree) - context.unassigned_attributes:
        return None
    return Mutant(
        path=path,
        operator=proposal.operator,
        category=proposal.category,
        description=proposal.description,
        lines=mutated_lines(source, proposal),
        source=mutated,
        key=_mutant_key(path, proposal),
    )


def _mutant_key(path: str, proposal: Proposal) -> str:
    edits = ";".join(f"{e.start}:{e.end}:{e.replacement}" for e in proposal.edits)
    return hashlib.sha256(f"{path}|{proposal.operator}|{edits}".encode()).hexdigest()[:12]


def _orphans_an_import(context: _Context, mutated: ast.Module) -> bool:
    return bool(context.used_imports - _used_names(mutated))


def _unused_locals(tree: ast.Module) -> set[tuple[int, str, str]]:
    """(function ordinal, function, name) of each parameter, local or `except ... as` name a
    function binds and never reads. A mutant that adds one is dropped: a linter flags it and
    points at the bug (`self._store = store` deleted leaves `store` unused)."""
    unused: set[tuple[int, str, str]] = set()
    functions = (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef))
    for ordinal, function in enumerate(functions):
        arguments = function.args
        every_argument = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
        bound = {argument.arg for argument in every_argument} - {"self", "cls"}
        read: set[str] = set()
        for node in ast.walk(function):
            if isinstance(node, ast.Name):
                (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
            elif isinstance(node, ast.ExceptHandler) and node.name:
                bound.add(node.name)
        unused.update((ordinal, function.name, name) for name in bound - read)
    return unused


def _unassigned_attributes(tree: ast.Module) -> set[str]:
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


def _used_names(tree: ast.Module) -> set[str]:
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}


@dataclass(frozen=True)
class Quota:
    """Caps that keep a generated set balanced across categories and source tasks."""

    per_category: int
    per_task: int


def quota_for(count: int, categories: int, tasks: int) -> Quota:
    """Half as much again as an even share per category; an even share plus one per task, so a
    category or task short of killable mutants can be made up by the others."""
    even_category = math.ceil(count / max(1, categories))
    even_task = math.ceil(count / max(1, tasks))
    return Quota(per_category=even_category + math.ceil(even_category / 2), per_task=even_task + 1)


def plan_queues(candidates: Iterable[Candidate], seed: int) -> list[list[Candidate]]:
    """One queue of candidates per category, in a seeded order of categories.

    Within a category the source tasks take turns (round-robin, in a seeded order), so a large
    refactor task with many mutants does not crowd out the small ones.
    """
    rng = random.Random(seed)
    by_category: dict[str, dict[str, list[Candidate]]] = defaultdict(lambda: defaultdict(list))
    for candidate in sorted(candidates, key=_stable_key):
        by_category[candidate.mutant.category][candidate.source_task].append(candidate)
    queues = []
    for category in sorted(by_category):
        task_queues = []
        for task in sorted(by_category[category]):
            queue = by_category[category][task]
            rng.shuffle(queue)
            task_queues.append(queue)
        rng.shuffle(task_queues)
        queues.append(_round_robin(task_queues))
    rng.shuffle(queues)
    return queues


def _stable_key(candidate: Candidate) -> tuple[str, str, str]:
    return candidate.source_task, candidate.mutant.path, candidate.mutant.key


def _round_robin(queues: list[list[Candidate]]) -> list[Candidate]:
    ordered: list[Candidate] = []
    for index in range(max((len(queue) for queue in queues), default=0)):
        ordered += [queue[index] for queue in queues if index < len(queue)]
    return ordered


@dataclass
class BalancedPicker:
    """Decides which candidate to test next so that categories fill at the same pace.

    Categories take turns; a turn tries the category's queue until one candidate is kept, so a
    category whose mutants are rarely killed costs more test runs, not fewer samples. Decisions
    depend only on the queues and the verdicts fed back, never on timing, so a parallel run
    that tests `upcoming` candidates ahead of time decides exactly like a sequential one.
    """

    queues: list[list[Candidate]]
    quota: Quota
    accepted: list[Candidate] = field(default_factory=list)
    _cursors: list[int] = field(default_factory=list)
    _turn: int = 0
    _by_category: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    _by_task: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def __post_init__(self) -> None:
        self._cursors = [0] * len(self.queues)

    def next_candidate(self) -> Candidate | None:
        """The candidate whose verdict is needed next; None when every queue is spent."""
        for _ in range(len(self.queues)):
            candidate = self._head(self._turn)
            if candidate is not None:
                return candidate
            self._turn = (self._turn + 1) % len(self.queues)
        return None

    def upcoming(self, limit: int) -> list[Candidate]:
        """Candidates likely to be asked for soon: the rest of this turn's queue first, then
        the head of each following category (worth testing ahead of time)."""
        ahead: list[Candidate] = []
        current = self._turn
        queue, cursor = self.queues[current], self._cursors[current]
        ahead += [c for c in queue[cursor:] if self._admits(c)][:limit]
        for step in range(1, len(self.queues)):
            index = (current + step) % len(self.queues)
            ahead += [c for c in self.queues[index][self._cursors[index] :] if self._admits(c)][:1]
        return ahead[:limit]

    def record(self, candidate: Candidate, kept: bool) -> None:
        """Feed back the verdict on the candidate `next_candidate` returned."""
        if self._head(self._turn) is not candidate:
            raise ValueError(f"verdict for {candidate.mutant.key}, which was not asked for")
        self._cursors[self._turn] += 1
        if kept:
            self.accepted.append(candidate)
            self._by_category[candidate.mutant.category] += 1
            self._by_task[candidate.source_task] += 1
            self._turn = (self._turn + 1) % len(self.queues)

    def _head(self, index: int) -> Candidate | None:
        """The first admissible candidate of a queue; inadmissible ones are skipped for good
        (counts only grow, so they never become admissible again)."""
        queue = self.queues[index]
        while self._cursors[index] < len(queue):
            candidate = queue[self._cursors[index]]
            if self._admits(candidate):
                return candidate
            self._cursors[index] += 1
        return None

    def _admits(self, candidate: Candidate) -> bool:
        return (
            self._by_category[candidate.mutant.category] < self.quota.per_category
            and self._by_task[candidate.source_task] < self.quota.per_task
        )


def is_killed(summary: TestRunSummary) -> bool:
    """The hidden tests expose the mutant as a bug a reviewer could find: some test fails by an
    assertion (or an exception inside the test), none errors at collection or setup, none goes
    missing, and at least one still passes (a mutant that breaks everything is not subtle)."""
    outcomes = {failure.outcome for failure in summary.failures}
    return (
        "failed" in outcomes
        and "error" not in outcomes
        and not summary.missing
        and 0 < summary.passed < summary.total
    )
