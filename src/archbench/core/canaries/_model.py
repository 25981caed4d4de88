"""What canary planting deals in: replaceable leaves, sites, planted canaries, a plan."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

# Most tests with an equality assertion get a canary, so guessing which tests are real does not
# pay; a few do not, so the count of near-copies does not say how many there are.
CANARY_SHARE = 0.8

Scalar = int | float | str | bytes
# The value of a leaf that is a whole element of a display (`Chunk(a, b)` in `[Chunk(a, b)]`):
# it is replaced by a number, as if it were the integer 0.
AN_OBJECT = 0


@dataclass(frozen=True)
class Leaf:
    """One replaceable value of an expected side: a constant, a negated number, or a whole
    element of a display (value `AN_OBJECT`)."""

    node: ast.expr
    value: Scalar


@dataclass(frozen=True)
class CanarySite:
    """An equality assertion of a hidden test that a canary can copy with another value."""

    path: str
    test: str  # the test's key: 'module::[Class::]function'
    line: int
    leaves: tuple[Leaf, ...] = field(repr=False)


@dataclass(frozen=True)
class Canary:
    """A planted canary: its test key and the assertion of the test it copies."""

    key: str
    copies: str
    line: int


@dataclass(frozen=True)
class CanaryPlan:
    """Hidden test files with canaries planted, and which test keys are canaries."""

    test_files: dict[str, str]
    canaries: tuple[Canary, ...] = ()

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(canary.key for canary in self.canaries)
