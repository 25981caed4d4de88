"""Static screening of an answer's files for introspection primitives (informational only).

The primitives below are what a forger needs to read the grader's secrets or rewrite its
verdict from inside the test process: walking frames, scanning the heap, reading process
memory, registering pytest plugins, swapping modules, patching builtins, or running code after
the tests. Honest backend code almost never uses them, so a use is worth a reviewer's look. The
screen never changes a score (legitimate uses exist, and a determined forger can hide a call
from any static check); it lists what it saw, `path:line: what`, for reports to show.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Mapping
from typing import Any

# Dotted call or attribute names and why each one is worth a look.
_SUSPICIOUS_NAMES = {
    "sys._getframe": "frame walking (sys._getframe)",
    "inspect.currentframe": "frame walking (inspect.currentframe)",
    "inspect.stack": "frame walking (inspect.stack)",
    "gc.get_objects": "heap scanning (gc.get_objects)",
    "gc.get_referrers": "heap scanning (gc.get_referrers)",
    "gc.get_referents": "heap scanning (gc.get_referents)",
    "atexit.register": "code run after the tests (atexit.register)",
    "ctypes": "raw memory access (ctypes)",
}
_SUSPICIOUS_ATTRIBUTES = {
    "pluginmanager": "pytest plugin registration (pluginmanager)",
    "f_back": "frame walking (f_back)",
    "f_locals": "frame walking (f_locals)",
    "f_globals": "frame walking (f_globals)",
}
# Assigning into these replaces how tests run or how their outcomes are recorded.
_TEST_FRAMEWORKS = ("_pytest", "pytest", "unittest", "pluggy")
_MODULE_MUTATORS = frozenset({"update", "setdefault", "__setitem__", "pop", "__delitem__"})


def suspicious_uses(files: Mapping[str, str]) -> list[str]:
    """Every introspection primitive in the Python files, as `path:line: what`, sorted."""
    found: set[str] = set()
    for path, text in files.items():
        if not path.endswith(".py"):
            continue
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            continue  # unparsable files are the hidden tests' business, not the screen's
        found.update(f"{path}:{line}: {what}" for line, what in _uses(tree))
    return sorted(found, key=_sort_key)


def _sort_key(entry: str) -> tuple[str, int, str]:
    path, line, what = entry.split(":", 2)
    return path, int(line), what


def _uses(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        for what in _node_findings(node):
            yield line, what


def _node_findings(node: ast.AST) -> Iterator[str]:
    for node_types, findings in _FINDERS:
        if isinstance(node, node_types):
            yield from findings(node)


def _definition_findings(node: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[str]:
    hookimpl = any("hookimpl" in ast.unparse(d) for d in node.decorator_list)
    if node.name.startswith("pytest_") or hookimpl:
        yield f"pytest hook implementation ({node.name})"


def _string_findings(node: ast.Constant) -> Iterator[str]:
    text = node.value
    if isinstance(text, str) and "/proc/" in text and ("mem" in text or "environ" in text):
        yield f"process memory or environment read ({text[:40]!r})"


def _attribute_findings(node: ast.Attribute) -> Iterator[str]:
    dotted = dotted_name(node)
    if dotted in _SUSPICIOUS_NAMES:
        yield _SUSPICIOUS_NAMES[dotted]
    if node.attr in _SUSPICIOUS_ATTRIBUTES:
        yield _SUSPICIOUS_ATTRIBUTES[node.attr]
    if dotted and dotted.startswith("sys.modules.") and node.attr in _MODULE_MUTATORS:
        yield f"module swapping (sys.modules.{node.attr})"


def _import_findings(node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    modules = [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        modules = [node.module or ""] + [f"{node.module}.{name}" for name in modules]
    for module in modules:
        if module in ("ctypes", "atexit", "_pytest") or module in _SUSPICIOUS_NAMES:
            yield f"imports {module}"
        elif module.startswith("_pytest."):
            yield f"imports pytest internals ({module})"


def _assignment_findings(node: ast.Assign | ast.AugAssign | ast.Delete) -> Iterator[str]:
    targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
    for target in targets:
        if isinstance(target, ast.Name) and target.id == "pytest_plugins":
            yield "pytest plugin registration (pytest_plugins)"
        elif isinstance(target, (ast.Subscript, ast.Attribute)):
            yield from _target_findings(target)


def _target_findings(target: ast.Subscript | ast.Attribute) -> Iterator[str]:
    name = dotted_name(target.value)
    if isinstance(target, ast.Subscript) and name == "sys.modules":
        yield "module swapping (sys.modules[...] assignment)"
    elif name in ("builtins", "__builtins__"):
        yield f"builtins patching ({name} assignment)"
    elif name and name.split(".")[0] in _TEST_FRAMEWORKS:
        yield f"test framework patching ({name} assignment)"


def _call_findings(node: ast.Call) -> Iterator[str]:
    func = node.func
    if not (isinstance(func, ast.Name) and func.id in ("setattr", "delattr") and node.args):
        return
    target = dotted_name(node.args[0])
    if target in ("builtins", "__builtins__"):
        yield f"builtins patching ({func.id} on {target})"
    elif target == "sys.modules":
        yield f"module swapping ({func.id} on sys.modules)"


def dotted_name(node: ast.AST) -> str | None:
    """`a.b.c` for a chain of attributes on a name, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


# Which finder looks at which kind of node (checked in order; a node may match one only).
_FINDERS: tuple[tuple[type | tuple[type, ...], Callable[[Any], Iterator[str]]], ...] = (
    (ast.Attribute, _attribute_findings),
    ((ast.Import, ast.ImportFrom), _import_findings),
    ((ast.Assign, ast.AugAssign, ast.Delete), _assignment_findings),
    (ast.Call, _call_findings),
    ((ast.FunctionDef, ast.AsyncFunctionDef), _definition_findings),
    (ast.Constant, _string_findings),
)
