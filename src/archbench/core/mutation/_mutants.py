"""Every valid mutant of a file: each operator tried at each node, each proposal checked.

A mutant is kept when the mutated text still parses, differs from the original, and leaves
nothing a linter or type checker would report (see `_context`).
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Callable, Iterator

from archbench.core.mutation import _expression_operators as expressions
from archbench.core.mutation import _statement_operators as statements
from archbench.core.mutation._context import (
    MutationContext,
    build_context,
    unassigned_attributes,
    unused_locals,
    used_names,
)
from archbench.core.mutation._model import Mutant, MutationError, Proposal
from archbench.core.mutation._source_text import SourceText, apply_edits, mutated_lines

ProposalFinder = Callable[[ast.AST, MutationContext], Iterator[Proposal]]


OPERATORS: tuple[ProposalFinder, ...] = (
    expressions.boundary_proposals,
    expressions.negated_comparison_proposals,
    expressions.bool_operator_proposals,
    expressions.dropped_not_proposals,
    expressions.dropped_one_proposals,
    expressions.slice_bound_proposals,
    expressions.arithmetic_swap_proposals,
    statements.removed_guard_proposals,
    statements.return_flag_proposals,
    statements.return_none_proposals,
    expressions.min_max_proposals,
    statements.broadened_except_proposals,
    statements.narrowed_except_proposals,
    statements.swallowed_raise_proposals,
    expressions.numeric_constant_proposals,
    expressions.flag_proposals,
    expressions.argument_swap_proposals,
    statements.removed_statement_proposals,
)


def mutants_of(text: str, path: str) -> list[Mutant]:
    """Every valid mutant of one Python file, in a stable order (position, then operator).

    A proposal is kept when the mutated text still parses, differs from the original, and
    leaves nothing a linter or type checker would report (see the module docstring).
    """
    tree = ast.parse(text)
    context = build_context(tree, SourceText(text))
    mutants: dict[str, Mutant] = {}
    for node in ast.walk(tree):
        if id(node) in context.excluded:
            continue
        for finder in OPERATORS:
            for proposal in finder(node, context):
                mutant = _checked_mutant(context, proposal, path, site_names(node))
                if mutant is not None:
                    mutants.setdefault(mutant.key, mutant)
    return sorted(mutants.values(), key=lambda m: (m.lines, m.operator, m.key))


def site_names(node: ast.AST) -> frozenset[str]:
    """The identifiers and attribute names of the mutated node (`conn.commit()`: conn, commit)."""
    names = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            names.add(child.id)
        elif isinstance(child, ast.Attribute):
            names.add(child.attr)
    return frozenset(names)


def _checked_mutant(
    context: MutationContext, proposal: Proposal, path: str, names: frozenset[str]
) -> Mutant | None:
    source = context.source
    try:
        mutated = apply_edits(source, proposal.edits)
        mutated_tree = ast.parse(mutated)
    except (MutationError, SyntaxError):
        return None
    if mutated == source.text or _orphans_an_import(context, mutated_tree):
        return None
    if unused_locals(mutated_tree) - context.unused_locals:
        return None
    if unassigned_attributes(mutated_tree) - context.unassigned_attributes:
        return None
    return Mutant(
        path=path,
        operator=proposal.operator,
        category=proposal.category,
        description=proposal.description,
        lines=mutated_lines(source, proposal),
        source=mutated,
        key=_mutant_key(path, proposal),
        site_names=names,
        contract_visible=proposal.contract_visible,
    )


def _mutant_key(path: str, proposal: Proposal) -> str:
    edits = ";".join(f"{e.start}:{e.end}:{e.replacement}" for e in proposal.edits)
    return hashlib.sha256(f"{path}|{proposal.operator}|{edits}".encode()).hexdigest()[:12]


def _orphans_an_import(context: MutationContext, mutated: ast.Module) -> bool:
    return bool(context.used_imports - used_names(mutated))
