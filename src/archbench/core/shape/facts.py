"""Facts about a solution's shape, read from its AST once: functions, modules, imports, API.

Sizes are counted in AST statements (docstrings excluded), never in lines, so reformatting or
joining lines with `;` changes nothing. Complexity is radon's cyclomatic complexity (pinned).
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from radon.visitors import Class as RadonClass
from radon.visitors import ComplexityVisitor
from radon.visitors import Function as RadonFunction

from archbench.core.shape.public_surface import needed_public_names, public_definitions
from archbench.core.shape.runtime_imports import runtime_imports

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef
HTTP_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "websocket"})


@dataclass(frozen=True)
class FunctionFacts:
    path: str
    qualname: str
    line: int
    statements: int
    complexity: int
    parameters: int
    options: frozenset[str]
    is_pass_through: bool
    decorated: bool
    # Identifies the body (docstring aside), to recognise code carried over unchanged.
    body_digest: str = ""


@dataclass(frozen=True)
class ModuleFacts:
    path: str
    name: str
    statements: int
    definitions: int
    imports: frozenset[str]


@dataclass(frozen=True)
class CodeFacts:
    modules: tuple[ModuleFacts, ...]
    functions: tuple[FunctionFacts, ...]
    public_names: frozenset[str]
    routes: frozenset[str]
    # Public names another module of the same code uses (see public_surface).
    needed_names: frozenset[str] = frozenset()

    @property
    def statements(self) -> int:
        return sum(module.statements for module in self.modules)


def module_name(path: str) -> str:
    """'shop/orders.py' -> 'shop.orders'; a package's '__init__.py' is the package itself."""
    parts = path.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def collect_facts(trees: Mapping[str, ast.Module]) -> CodeFacts:
    names = {module_name(path) for path in trees}
    modules = tuple(_module_facts(path, tree, names) for path, tree in sorted(trees.items()))
    functions = tuple(
        function for path, tree in sorted(trees.items()) for function in _function_facts(path, tree)
    )
    public = frozenset(name for tree in trees.values() for name in public_definitions(tree))
    routes = frozenset(route for tree in trees.values() for route in _routes(tree))
    return CodeFacts(modules, functions, public, routes, needed_public_names(trees))


def count_statements(node: ast.AST, docstrings: set[int] | None = None) -> int:
    """Statements under `node` (itself excluded when it is one), docstrings not counted.

    `docstrings` (ids of docstring statements) may be passed when counting many nodes of one
    tree, so it is found once.
    """
    skipped = docstrings if docstrings is not None else docstring_ids(node)
    return sum(
        1
        for child in ast.walk(node)
        if isinstance(child, ast.stmt) and child is not node and id(child) not in skipped
    )


def docstring_ids(node: ast.AST) -> set[int]:
    return {id(stmt) for stmt in _docstrings(node)}


def _docstrings(node: ast.AST) -> Iterator[ast.stmt]:
    for child in ast.walk(node):
        body = getattr(child, "body", None)
        has_docstring_slot = isinstance(child, ast.Module | ast.ClassDef | FunctionNode)
        if has_docstring_slot and body and _is_docstring(body[0]):
            yield body[0]


def _module_facts(path: str, tree: ast.Module, internal: set[str]) -> ModuleFacts:
    definitions = sum(isinstance(node, FunctionNode | ast.ClassDef) for node in tree.body)
    is_package = path.endswith("__init__.py")
    imports = frozenset(runtime_imports(tree, module_name(path), is_package, internal))
    return ModuleFacts(path, module_name(path), count_statements(tree), definitions, imports)


def _function_facts(path: str, tree: ast.Module) -> Iterator[FunctionFacts]:
    complexity = _complexity_by_line(tree)
    docstrings = docstring_ids(tree)
    for qualname, node in _functions(tree.body, ""):
        yield FunctionFacts(
            path=path,
            qualname=qualname,
            line=node.lineno,
            statements=count_statements(node, docstrings),
            complexity=complexity.get(node.lineno, 1),
            parameters=len(_parameter_names(node)),
            options=frozenset(_options(node)),
            is_pass_through=_is_pass_through(node),
            decorated=bool(node.decorator_list),
            body_digest=_body_digest(node),
        )


def _functions(body: list[ast.stmt], prefix: str) -> Iterator[tuple[str, FunctionNode]]:
    for node in body:
        if isinstance(node, FunctionNode):
            yield f"{prefix}{node.name}", node
            yield from _functions(node.body, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node.body, f"{prefix}{node.name}.")


def _body_digest(node: FunctionNode) -> str:
    """The body's AST without positions: a new signature, docstring or layout keeps it equal."""
    body = [ast.dump(stmt) for stmt in node.body if not _is_docstring(stmt)]
    return hashlib.sha256("\n".join(body).encode()).hexdigest()


def _complexity_by_line(tree: ast.Module) -> dict[int, int]:
    visitor = ComplexityVisitor.from_ast(tree)
    found: dict[int, int] = {}
    pending: list[RadonFunction | RadonClass] = [*visitor.functions, *visitor.classes]
    while pending:
        block = pending.pop()
        if isinstance(block, RadonClass):
            pending.extend([*block.methods, *block.inner_classes])
        else:
            found[block.lineno] = block.complexity
            pending.extend(block.closures)
    return found


def _parameter_names(node: FunctionNode) -> list[str]:
    args = node.args
    names = [arg.arg for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]]
    return names[1:] if names and names[0] in {"self", "cls"} else names


def _options(node: FunctionNode) -> Iterator[str]:
    """Parameters with a default value: the knobs a caller may, but need not, turn."""
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    yield from (arg.arg for arg in positional[len(positional) - len(args.defaults) :])
    yield from (
        arg.arg for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True) if default
    )


def _is_pass_through(node: FunctionNode) -> bool:
    """A body that only forwards its own parameters, unchanged, to one other call."""
    body = [stmt for stmt in node.body if not _is_docstring(stmt)]
    if len(body) != 1 or node.name.startswith("__"):
        return False
    call = _sole_call(body[0])
    if call is None:
        return False
    parameters = set(_parameter_names(node))
    forwarded = [_forwarded_name(arg) for arg in call.args]
    forwarded += [_forwarded_name(keyword.value) for keyword in call.keywords]
    return all(name in parameters for name in forwarded)


def _sole_call(stmt: ast.stmt) -> ast.Call | None:
    """The call a `return f(...)`, `f(...)` or `await f(...)` statement is made of, if any."""
    value = stmt.value if isinstance(stmt, ast.Return | ast.Expr) else None
    if isinstance(value, ast.Await):
        value = value.value
    return value if isinstance(value, ast.Call) else None


def _forwarded_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Starred):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _is_docstring(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Constant)
        and isinstance(stmt.value.value, str)
    )


def _routes(tree: ast.Module) -> Iterator[str]:
    """'METHOD /path' for each handler decorated like FastAPI's `@app.get("/path")`."""
    for node in ast.walk(tree):
        if not isinstance(node, FunctionNode):
            continue
        for decorator in node.decorator_list:
            if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)):
                continue
            verb = decorator.func.attr
            first = decorator.args[0] if decorator.args else None
            if verb in HTTP_VERBS and isinstance(first, ast.Constant):
                yield f"{verb.upper()} {first.value!s}"
