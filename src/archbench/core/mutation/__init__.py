"""Seed realistic backend bugs into clean Python source by AST mutation.

Each operator finds a site in the AST and proposes byte-exact edits to the original text (node
positions, never `ast.unparse`), so formatting and comments survive and a diff of the mutant
against the clean file shows only the bug. Operators are grouped into families (comparison
boundary, missing guard, ...); the review vocabulary maps each family, and the names at the
mutated node, onto the category a reviewer would report (`datasets/review/categories.yaml`).
A removed `raise` guard whose contract nothing left in the code states is marked
(`Mutant.contract_visible`, see `_guard_contract`): the seeder does not keep it.

A mutant that a tool would point at is never offered: one that no longer parses, leaves an
import, a parameter, a local or an `except ... as` name unused, or deletes the only assignment
of an attribute that is still read. Comments above a deleted statement go with it.

Sampling is seeded: `plan_queues` orders each category's candidates (source tasks taking turns)
and `BalancedPicker` lets categories take turns until one candidate of each is kept, within the
caps of a `Quota`. Everything here is pure (no I/O): the seeder command runs the hidden tests
whose verdict (`is_killed`) decides which mutants are kept.

Modules: `_model` (categories and value types), `_source_text` (byte offsets and edits),
`_context` (what operators and checks know about a tree), `_expression_operators` and
`_statement_operators` (the operators), `_guard_contract`, `_mutants` (enumeration and checks),
`_giveaways` (what mypy and vulture add on a mutant), `_sampling`.
"""

from archbench.core.mutation._giveaways import (
    ToolFindings,
    giveaway,
    mypy_findings,
    vulture_findings,
)
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
from archbench.core.mutation._mutants import OPERATORS, ProposalFinder, mutants_of, site_names
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
    "ToolFindings",
    "apply_edits",
    "giveaway",
    "is_killed",
    "mutants_of",
    "mutated_lines",
    "mypy_findings",
    "plan_queues",
    "quota_for",
    "site_names",
    "vulture_findings",
]
