"""Everything the checks need about one solution, computed once per file set."""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from archbench.core.shape.dead_code import DeadItem, dead_code
from archbench.core.shape.duplication import DuplicateBlock, duplicate_blocks
from archbench.core.shape.facts import CodeFacts, collect_facts
from archbench.core.shape.rubric import StaticRubric


@dataclass(frozen=True)
class LintFinding:
    """One finding of an external linter (ruff), located in the graded files."""

    path: str
    line: int
    code: str
    message: str


@dataclass(frozen=True)
class Analysis:
    facts: CodeFacts
    dead: tuple[DeadItem, ...] = ()
    duplicates: tuple[DuplicateBlock, ...] = ()
    lint: tuple[LintFinding, ...] = ()
    # Statements that were there before the solution (an implement task's starter).
    baseline_statements: int = 0

    @property
    def written_statements(self) -> int:
        return max(0, self.facts.statements - self.baseline_statements)


EMPTY_FACTS = CodeFacts((), (), frozenset(), frozenset())


def analyse(
    sources: Mapping[str, str],
    trees: Mapping[str, ast.Module],
    rubric: StaticRubric,
    usage_sources: Mapping[str, str],
    lint: Sequence[LintFinding] = (),
    baseline_statements: int = 0,
) -> Analysis:
    minimality = rubric.minimality
    return Analysis(
        facts=collect_facts(trees),
        dead=tuple(
            dead_code(
                sources,
                trees,
                usage_sources,
                minimality.dead_code.min_confidence,
                minimality.dead_code.kinds,
            )
        ),
        duplicates=tuple(
            duplicate_blocks(trees, minimality.duplication.window, minimality.duplication.min_nodes)
        ),
        lint=tuple(finding for finding in lint if _selected(finding.code, minimality.lint.rules)),
        baseline_statements=baseline_statements,
    )


def _selected(code: str, rules: Sequence[str]) -> bool:
    return any(code.startswith(rule) for rule in rules)
