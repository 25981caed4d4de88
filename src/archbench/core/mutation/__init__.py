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

Modules: `_model` (categories and value types), `_source_text` (byte offsets and edits),
`_context` (what operators and checks know about a tree), `_expression_operators` and
`_statement_operators` (the operators), `_mutants` (enumeration and checks), `_sampling`.
"""

from archbench.core.mutation._model import (
    ARGUMENT_SWAP,
    ARITHMETIC,
    BOOLEAN_LOGIC,
    CATEGORIES,
    COMPARISON_BOUNDARY,
    EXCEPTION_HANDLING,
    MISSING_GUARD,
    MISSING_SIDE_EFFECT,
    OFF_BY_ONE,
    RETURN_VALUE,
    WRONG_CONSTANT,
    Candidate,
    Mutant,
    MutationError,
    Proposal,
    TextEdit,
)
from archbench.core.mutation._mutants import OPERATORS, ProposalFinder, mutants_of
from archbench.core.mutation._sampling import (
    BalancedPicker,
    Quota,
    is_killed,
    plan_queues,
    quota_for,
)
from archbench.core.mutation._source_text import SourceText, apply_edits, mutated_lines

__all__ = [
    "ARGUMENT_SWAP",
    "ARITHMETIC",
    "BOOLEAN_LOGIC",
    "CATEGORIES",
    "COMPARISON_BOUNDARY",
    "EXCEPTION_HANDLING",
    "MISSING_GUARD",
    "MISSING_SIDE_EFFECT",
    "OFF_BY_ONE",
    "OPERATORS",
    "RETURN_VALUE",
    "WRONG_CONSTANT",
    "BalancedPicker",
    "Candidate",
    "Mutant",
    "MutationError",
    "Proposal",
    "ProposalFinder",
    "Quota",
    "SourceText",
    "TextEdit",
    "apply_edits",
    "is_killed",
    "mutants_of",
    "mutated_lines",
    "plan_queues",
    "quota_for",
]
