"""The late-return fine: the one place the rule lives (returns, open loans, the report)."""

from datetime import date
from decimal import Decimal

from . import config


def fine_cents(due_on: date, returned_on: date, member_kind: str) -> int:
    """Nothing within the grace period; after it every late day counts, up to the cap."""
    days_late = (returned_on - due_on).days
    if days_late <= config.GRACE_DAYS:
        return 0
    daily = config.DAILY_FINE_CENTS[member_kind]
    return min(days_late * daily, config.MAX_FINE_CENTS[member_kind])


def fine_for(due_on: date, returned_on: date, member_kind: str) -> Decimal:
    """The fine in currency units, two decimals: what a return on `returned_on` costs."""
    return Decimal(fine_cents(due_on, returned_on, member_kind)).scaleb(-2)
