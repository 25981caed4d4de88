"""Deterministic static grades of a solution's shape: modularity and minimality.

Both are relative to the task's reference solution, so a task's natural size is accounted for,
and both are explained by their top findings (file, line, symbol, metric, value, threshold).
The rubric (thresholds and weights) is YAML; its hash and every tool version are returned with
each grade so runs graded differently are never compared. The hidden-test gate (shape counts
only for solutions passing every hidden test) lives in the scorer, before this is called.

Gaming defences: a file that does not parse zeroes both scores; sizes are AST statements, not
lines; nothing rewards being smaller than the reference; tiny modules and pass-through
functions beyond the reference cost modularity; `# noqa` comments are ignored.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import radon
import vulture

from archbench.core.dataset import CodeTaskSpec, TaskRecord
from archbench.core.registry import GRADER_VERSIONS
from archbench.core.shape.analysis import Analysis, LintFinding, analyse
from archbench.core.shape.facts import collect_facts, count_statements
from archbench.core.shape.findings import CheckResult, Finding, combine
from archbench.core.shape.minimality import minimality_checks
from archbench.core.shape.modularity import modularity_checks
from archbench.core.shape.rubric import StaticRubric

METRICS_VERSION = GRADER_VERSIONS["static_metrics"]
EXPLANATION_LIMIT = 8


@dataclass(frozen=True)
class ShapeTask:
    """What a task tells the grader beyond the reference files.

    `requested`: interface symbols (any dotted suffix) and routes the request asked for;
    `layers`: file glob -> forbidden import prefixes; `baseline`: files the solution started
    from (an implement task's starter), whose statements are not counted as written;
    `usage`: code that uses the solution without being graded (the hidden tests);
    `original`: the code a refactor restructures (its starter): functions the answer keeps
    from it unchanged are held to the rubric's absolute length and complexity thresholds.
    """

    requested: frozenset[str] = frozenset()
    layers: Mapping[str, Sequence[str]] = field(default_factory=dict)
    baseline: Mapping[str, str] = field(default_factory=dict)
    usage: Mapping[str, str] = field(default_factory=dict)
    original: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_record(cls, record: TaskRecord) -> ShapeTask:
        spec = record.spec
        if not isinstance(spec, CodeTaskSpec):
            raise TypeError(f"task '{record.id}' is a {spec.kind} task, not implement/refactor")
        symbols = {
            ".".join(parts[start:])
            for parts in (symbol.split(".") for symbol in spec.interface.symbols)
            for start in range(len(parts))
        }
        # A refactor starts from the monolith, which the solution replaces: all of it counts.
        baseline = dict(record.shown) if spec.kind == "implement" else {}
        return cls(
            requested=frozenset(symbols | set(spec.interface.routes)),
            layers=spec.layers,
            baseline=baseline,
            usage=dict(record.tests),
            original=dict(record.shown) if spec.kind == "refactor" else {},
        )


@dataclass(frozen=True)
class LintReport:
    """Ruff's findings on the answer and on the reference, from the grading adapter."""

    answer: tuple[LintFinding, ...]
    reference: tuple[LintFinding, ...]
    tool_version: str


@dataclass(frozen=True)
class StaticGrade:
    modularity: float
    minimality: float
    findings: list[str] = field(default_factory=list)
    checks: tuple[CheckResult, ...] = ()
    identity: dict[str, str] = field(default_factory=dict)
    parse_error: str | None = None

    def explanation(self, limit: int = EXPLANATION_LIMIT) -> str:
        head = f"modularity {self.modularity:.2f}, minimality {self.minimality:.2f}"
        shown = [f"- {finding}" for finding in self.findings[:limit]]
        more = len(self.findings) - limit
        return "\n".join([head, *shown, *([f"- ... and {more} more"] if more > 0 else [])])


def source_files(files: Mapping[str, str]) -> dict[str, str]:
    """The Python files that count as the solution (tests are not graded for shape)."""
    return {path: text for path, text in files.items() if _is_graded_source(path)}


def _is_graded_source(path: str) -> bool:
    parts = path.split("/")
    is_test = parts[-1].startswith(("test_", "conftest")) or "tests" in parts[:-1]
    return path.endswith(".py") and not is_test


def parse_gate(files: Mapping[str, str]) -> str | None:
    """The first syntax error in the files, as 'file:line: message', or None."""
    for path, text in sorted(files.items()):
        try:
            ast.parse(text, filename=path)
        except SyntaxError as error:
            return f"{path}:{error.lineno}: {error.msg}"
        except ValueError as error:  # null bytes
            return f"{path}: {error}"
    return None


def grade_static(
    answer: Mapping[str, str],
    reference: Mapping[str, str] | None,
    *,
    rubric: StaticRubric,
    task: ShapeTask | None = None,
    lint: LintReport | None = None,
) -> StaticGrade:
    """Modularity and minimality of `answer` relative to `reference` (both: path -> source).

    With `reference=None` the code is graded on its own (absolute thresholds, no size or
    gold-plating checks): that is how archbench's own source is measured.
    """
    task = task or ShapeTask()
    identity = grader_identity_core(rubric, lint.tool_version if lint else None)
    answer_sources = source_files(answer)
    syntax_error = parse_gate(answer_sources)
    if syntax_error:
        return StaticGrade(
            0.0, 0.0, [f"does not parse: {syntax_error}"], (), identity, syntax_error
        )
    answer_analysis = _analyse(answer_sources, rubric, task, lint.answer if lint else ())
    reference_analysis = (
        None
        if reference is None
        else _analyse(source_files(reference), rubric, task, lint.reference if lint else ())
    )
    modularity = modularity_checks(
        answer_analysis.facts,
        reference_analysis.facts if reference_analysis else None,
        rubric.modularity,
        task.layers,
        _function_digests(task.original),
    )
    minimality = minimality_checks(
        answer_analysis, reference_analysis, rubric.minimality, task.requested
    )
    return StaticGrade(
        modularity=combine(modularity),
        minimality=combine(minimality),
        findings=_ranked_findings({"modularity": modularity, "minimality": minimality}),
        checks=(*modularity, *minimality),
        identity=identity,
    )


def _analyse(
    sources: Mapping[str, str],
    rubric: StaticRubric,
    task: ShapeTask,
    lint: Sequence[LintFinding],
) -> Analysis:
    trees = {path: ast.parse(text, filename=path) for path, text in sources.items()}
    baseline = sum(
        count_statements(ast.parse(text)) for text in source_files(task.baseline).values()
    )
    return analyse(sources, trees, rubric, task.usage, lint, baseline)


def _function_digests(files: Mapping[str, str]) -> frozenset[str]:
    """Body digests of every function in `files` (parsable ones: a starter may be broken)."""
    sources = source_files(files)
    if parse_gate(sources):
        return frozenset()
    trees = {path: ast.parse(text, filename=path) for path, text in sources.items()}
    return frozenset(function.body_digest for function in collect_facts(trees).functions)


def _ranked_findings(scores: Mapping[str, Sequence[CheckResult]]) -> list[str]:
    """Findings ordered by what they cost the score, most expensive first."""
    costed: list[tuple[float, str, Finding]] = [
        (check.cost * finding.severity / _total_severity(check), score, finding)
        for score, checks in scores.items()
        for check in checks
        for finding in check.findings
    ]
    costed.sort(key=lambda item: (-item[0], item[1], item[2].path, item[2].line))
    return [f"{score}: {finding.describe()}" for _, score, finding in costed]


def _total_severity(check: CheckResult) -> float:
    return sum(finding.severity for finding in check.findings) or 1.0


def grader_identity_core(rubric: StaticRubric, ruff_version: str | None) -> dict[str, str]:
    """Versions of everything that decides a static grade, for score and log metadata."""
    return {
        "static_metrics": METRICS_VERSION,
        "rubric_sha256": rubric.content_hash(),
        "radon": radon.__version__,
        "vulture": vulture.__version__,
        "ruff": ruff_version or "not run",
        "python_ast": f"{sys.version_info.major}.{sys.version_info.minor}",
    }
