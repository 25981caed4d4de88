"""The expected side of an equality assertion, and the values in it a canary may replace."""

from __future__ import annotations

import ast
import math
import re

from archbench.core.canaries._model import AN_OBJECT, Leaf

NUMERIC_TEXT = re.compile(r"-?(\d+)(?:\.(\d+))?")


def compared_literal(test: ast.expr) -> tuple[Leaf, ...]:
    """The replaceable leaves of the expected side of `<actual> == <expected>`; empty if none.

    The expected side is a literal on either side when the other is not one; else a list,
    tuple, set or dict display when the other side is not one (`== [Chunk(a, b), "x"]`):
    there a literal element is replaced as in a literal, any other element as a whole, by a
    number (`[Chunk(a, b), 48611]`), which no element of the answer's list equals.
    """
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return ()
    left, right = test.left, test.comparators[0]
    if not isinstance(test.ops[0], ast.Eq):
        return ()
    strict_left, strict_right = literal_leaves(left), literal_leaves(right)
    if (strict_left is None) != (strict_right is None):
        return tuple(strict_left if strict_left is not None else strict_right or [])
    if strict_left is None and _is_display(left) != _is_display(right):
        return tuple(_display_leaves(left if _is_display(left) else right))
    return ()


def _is_display(node: ast.expr) -> bool:
    return isinstance(node, ast.List | ast.Tuple | ast.Set | ast.Dict)


def _display_leaves(node: ast.expr) -> list[Leaf]:
    """Leaves of a display holding expressions: literal values, and the other elements whole."""
    literal = literal_leaves(node)
    if literal is not None:
        return literal
    elements = _display_elements(node)
    if elements is None:
        return [Leaf(node, AN_OBJECT)]
    return [leaf for element in elements for leaf in _display_leaves(element)]


def _display_elements(node: ast.expr) -> list[ast.expr] | None:
    """The elements of a display (a dict's values, under literal keys); None if `node` is not
    a display. A starred element or a `**` entry leaves nothing that can be replaced."""
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        elements = node.elts
    elif isinstance(node, ast.Dict):
        literal_keys = all(key is not None and literal_leaves(key) is not None for key in node.keys)
        elements = node.values if literal_keys else []
    else:
        return None
    return [] if any(isinstance(e, ast.Starred) for e in elements) else elements


def literal_leaves(node: ast.expr) -> list[Leaf] | None:
    """The replaceable values of a literal, or None if `node` is not a literal."""
    if isinstance(node, ast.Constant):
        return _constant_leaves(node)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        number = _number(node.operand)
        return None if number is None else [Leaf(node, -number)]
    if isinstance(node, ast.List | ast.Tuple | ast.Set | ast.Dict):
        return _container_leaves(node)
    if isinstance(node, ast.Call):
        return _literal_call_leaves(node)
    return None


def _container_leaves(node: ast.List | ast.Tuple | ast.Set | ast.Dict) -> list[Leaf] | None:
    """A container literal's values (a dict's, under literal keys)."""
    if not isinstance(node, ast.Dict):
        return _all_leaves(node.elts)
    if any(key is None or literal_leaves(key) is None for key in node.keys):
        return None
    return _all_leaves(node.values)


def _constant_leaves(node: ast.Constant) -> list[Leaf]:
    value = node.value
    if isinstance(value, str | bytes):
        return [Leaf(node, value)]
    number = _number(node)
    # True, False, None, ...: literals, but a random one of them is a plausible answer.
    return [] if number is None else [Leaf(node, number)]


def _number(node: ast.expr) -> int | float | None:
    """The value of an int or finite float constant (a bool is not a number here)."""
    value = node.value if isinstance(node, ast.Constant) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value if isinstance(value, int) or math.isfinite(value) else None


def _all_leaves(nodes: list[ast.expr]) -> list[Leaf] | None:
    leaves: list[Leaf] = []
    for node in nodes:
        found = literal_leaves(node)
        if found is None:
            return None
        leaves += found
    return leaves


def _literal_call_leaves(node: ast.Call) -> list[Leaf] | None:
    """`pytest.approx(<literal>)` with the default tolerance, `Decimal("<number>")`."""
    if node.keywords or len(node.args) != 1:
        return None
    argument, name = node.args[0], call_name(node)
    if name == "approx":
        return literal_leaves(argument)
    text = argument.value if isinstance(argument, ast.Constant) else None
    if name == "Decimal" and isinstance(text, str) and is_numeric_text(text):
        return [Leaf(argument, text)]
    return None


def call_name(node: ast.expr) -> str:
    """`approx` for `pytest.approx(...)`, `raises` for `raises`: the name a call or a name ends
    with, or ''."""
    function = node.func if isinstance(node, ast.Call) else node
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def is_numeric_text(value: str) -> bool:
    return NUMERIC_TEXT.fullmatch(value) is not None
