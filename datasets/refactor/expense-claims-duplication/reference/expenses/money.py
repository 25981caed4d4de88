"""Currency conversion into the base currency, with each stage's rounding in one place."""

from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

# The importer and the export round half-up, as payroll does; approval rounds half-even, as
# the audit team asked. The stages disagree on purpose, and a claim's amounts depend on it.
STAGE_ROUNDING = {"import": ROUND_HALF_UP, "approval": ROUND_HALF_EVEN, "export": ROUND_HALF_UP}


def to_cents(amount: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """The amount rounded to whole cents."""
    return amount.quantize(CENT, rounding=rounding)


def to_base(amount: Decimal, currency: str, rates: Mapping[str, Decimal], stage: str) -> Decimal:
    """The base-currency amount `stage` computes for `amount` in `currency` (a key of rates).

    The importer pays whole cents, so it rounds the claimed amount before converting it.
    """
    rounding = STAGE_ROUNDING[stage]
    if stage == "import":
        amount = to_cents(amount)
    return to_cents(amount * rates[currency], rounding)
