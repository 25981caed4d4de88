"""Rounding and display of Decimal amounts."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def round_to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def percent_of(amount: Decimal, percent: Decimal) -> Decimal:
    return round_to_cents(amount * percent / 100)


def plain_number(value: Decimal) -> str:
    """'20' rather than '2E+1', '12.5' rather than '12.50'."""
    return format(value.normalize(), "f")
