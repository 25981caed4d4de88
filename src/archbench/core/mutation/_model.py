"""What the mutation engine deals in: operator families, edits, proposals, mutants, candidates.

The families below group the operators; they are the engine's words, not a reviewer's: the
review vocabulary (`datasets/review/categories.yaml`) maps each onto a reviewer's category.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    # False for a removed guard whose contract nothing left in the code states (`_guard_contract`)
    contract_visible: bool = True


@dataclass(frozen=True)
class Mutant:
    """One applied mutation of one file: the mutated source and where the bug now sits.

    `category` is the operator family (what the seeder balances on); the review vocabulary
    maps it, with `site_names` (identifiers and attribute names at the mutated node), onto the
    problem a reviewer would name.
    """

    path: str
    operator: str
    category: str
    description: str
    lines: tuple[int, int]
    source: str
    key: str
    site_names: frozenset[str] = frozenset()
    contract_visible: bool = True


@dataclass(frozen=True)
class Candidate:
    """A mutant of a file of a source task, waiting to be tested."""

    source_task: str
    mutant: Mutant
