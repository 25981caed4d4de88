"""Shared data shapes and policy constants of the expenses pipeline."""

from dataclasses import dataclass, field
from decimal import Decimal

# Every claim belongs to one of these categories.
CATEGORIES = ("meals", "travel", "lodging", "supplies")

# Claims above these amounts (in the base currency) go to a manager instead of being approved.
CATEGORY_LIMITS = {
    "meals": Decimal("60.00"),
    "travel": Decimal("500.00"),
    "lodging": Decimal("250.00"),
    "supplies": Decimal("150.00"),
}

# The columns an import file must have, in any order.
REQUIRED_COLUMNS = ("id", "employee", "amount", "currency", "category", "date")


@dataclass
class ImportResult:
    """What the importer made of a CSV file: the claims it accepted and one error per problem."""

    claims: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Decision:
    """The approval stage's verdict on one claim."""

    claim_id: object
    status: str  # "approved", "needs_review" or "rejected"
    reasons: tuple[str, ...]
    base_amount: Decimal | None
    claim: dict


@dataclass(frozen=True)
class LedgerSummary:
    """What the export wrote: claim lines, the grand total, and why claims were skipped."""

    lines: int
    skipped: list[str]  # "<claim id>: <problem>; <problem>" for each claim left out
    total: Decimal
