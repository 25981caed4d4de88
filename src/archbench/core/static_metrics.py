"""First static grades for modularity and minimality (to be refined by the static-graders issue).

Both scores count only for solutions that pass every hidden test: deleting error handling or
features must not look minimal. Statements are counted on the AST, not lines, so joining lines
with `;` does not help; there is no bonus for being smaller than the reference.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from radon.complexity import cc_visit

METRICS_VERSION = "0.1"
MAX_FUNCTION_LINES = 40
MAX_COMPLEXITY = 10
MAX_PARAMETERS = 6


@dataclass(frozen=True)
class StaticGrade:
    modularity: float
    minimality: float
    findings: list[str] = field(default_factory=list)

    def explanation(self, limit: int = 8) -> str:
        head = f"modularity {self.modularity:.2f}, minimality {self.minimality:.2f}"
        return "\n".join([head, *(f"- {f}" for f in self.findings[:limit])])


def source_files(files: Mapping[str, str]) -> dict[str, str]:
    """The Python files that count as the solution (tests are not graded for shape)."""
    return {
        path: text
        for path, text in files.items()
        if path.endswith(".py") and not path.split("/")[-1].startswith(("test_", "conftest"))
    }


def parse_gate(files: Mapping[str, str]) -> str | None:
    """The first syntax error in the files, as 'file:line: message', or None."""
    for path, text in sorted(files.items()):
        try:
            ast.parse(text)
        except SyntaxError as error:
            return f"{path}:{error.lineno}: {error.msg}"
    return None


def grade_static(answer: Mapping[str, str], reference: Mapping[str, str]) -> StaticGrade:
    """Modularity and minimality of `answer` relative to `reference` (both: path -> source)."""
    answer_sources, reference_sources = source_files(answer), source_files(reference)
    syntax_error = parse_gate(answer_sources)
    if syntax_error:
        return StaticGrade(0.0, 0.0, [f"does not parse: {syntax_error}"])
    modularity_findings = list(_modularity_findings(answer_sources))
    functions = max(1, sum(1 for _ in _functions(answer_sources)))
    modularity = max(0.0, 1.0 - len(modularity_findings) / functions)
    answer_statements = count_statements(answer_sources)
    reference_statements = count_statements(reference_sources)
    minimality = min(1.0, reference_statements / answer_statements) if answer_statements else 0.0
    size_note = f"{answer_statements} statements vs {reference_statements} in the reference"
    return StaticGrade(
        round(modularity, 4), round(minimality, 4), [size_note, *modularity_findings]
    )


def count_statements(files: Mapping[str, str]) -> int:
    return sum(
        1
        for text in files.values()
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.stmt)
    )


def _functions(
    files: Mapping[str, str],
) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    for path, text in files.items():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                yield path, node


def _modularity_findings(files: Mapping[str, str]) -> Iterator[str]:
    complexity = {
        (path, block.lineno): block.complexity
        for path, text in files.items()
        for block in cc_visit(text)
    }
    for path, function in _functions(files):
        where = f"{path}:{function.lineno} {function.name}"
        length = (function.end_lineno or function.lineno) - function.lineno + 1
        cc = complexity.get((path, function.lineno), 1)
        params = len(function.args.args) + len(function.args.kwonlyargs)
        if length > MAX_FUNCTION_LINES:
            yield f"{where}: {length} lines (max {MAX_FUNCTION_LINES})"
        elif cc > MAX_COMPLEXITY:
            yield f"{where}: cyclomatic complexity {cc} (max {MAX_COMPLEXITY})"
        elif params > MAX_PARAMETERS:
            yield f"{where}: {params} parameters (max {MAX_PARAMETERS})"
