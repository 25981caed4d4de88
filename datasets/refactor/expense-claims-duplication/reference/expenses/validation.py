"""The claim checks of the three stages, in one place.

The stages read a claim's fields differently (the importer normalises case and whitespace,
approval takes them as they are, the export normalises some) and allow different amounts.
Those differences are today's behaviour, so they are spelled out per stage below.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from .models import CATEGORIES
from .money import CENT

EMPLOYEE_ID = re.compile(r"E\d{4}")
Reader = Callable[[object], str]


def cell(value: object) -> str:
    """A value as text, where a missing value (None, "", 0) reads as ""."""
    return str(value or "")


def stripped(value: object) -> str:
    return cell(value).strip()


def upper_stripped(value: object) -> str:
    return stripped(value).upper()


def lower_stripped(value: object) -> str:
    return stripped(value).lower()


def upper(value: object) -> str:
    return cell(value).upper()


def lower(value: object) -> str:
    return cell(value).lower()


def printed(value: object) -> str:
    """A value as text, None included: approval and export print a missing amount as 'None'."""
    return str(value).strip()


def parse_amount(text: str) -> Decimal | None:
    """The amount in `text`, or None when it is not a finite number."""
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def parse_date(value: object) -> date:
    """A date as given, or parsed from its ISO text (ValueError when it is not one)."""
    if isinstance(value, date):
        return value
    return date.fromisoformat(stripped(value))


def positive(amount: Decimal) -> str | None:
    return "amount must be positive" if amount <= 0 else None


def positive_whole_cents(amount: Decimal) -> str | None:
    problem = positive(amount)
    if problem is None and amount != amount.quantize(CENT):
        # Payroll pays whole cents: a hand-entered 12.345 is a typo, not something to round.
        problem = "amount has fractions of a cent"
    return problem


def not_negative(amount: Decimal) -> str | None:
    # Zero-amount ledger lines cancel an advance.
    return "amount must not be negative" if amount < 0 else None


@dataclass(frozen=True)
class StageRules:
    """How one stage reads a claim's fields and which amounts it allows."""

    id_required: bool
    employee: Reader
    amount: Reader
    currency: Reader
    category: Reader
    amount_rule: Callable[[Decimal], str | None]


STAGES = {
    "import": StageRules(True, upper_stripped, stripped, upper_stripped, lower_stripped, positive),
    "approval": StageRules(False, stripped, printed, cell, cell, positive_whole_cents),
    "export": StageRules(False, cell, printed, upper, lower, not_negative),
}


def _amount_problem(rules: StageRules, value: object) -> str | None:
    text = rules.amount(value)
    amount = parse_amount(text)
    if amount is None:
        return f"amount {text!r} is not a number"
    return rules.amount_rule(amount)


def _date_problem(value: object) -> str | None:
    try:
        parse_date(value)
    except ValueError:
        return f"date {stripped(value)!r} is not YYYY-MM-DD"
    return None


def validate_claim(claim: Mapping[str, object], stage: str,
                   rates: Mapping[str, Decimal]) -> list[str]:
    """Every problem `stage` finds with one claim, in column order; [] when it accepts it."""
    rules = STAGES[stage]
    employee = rules.employee(claim.get("employee"))
    currency = rules.currency(claim.get("currency"))
    category = rules.category(claim.get("category"))
    problems = [
        "claim id is missing" if rules.id_required and not stripped(claim.get("id")) else None,
        None if EMPLOYEE_ID.fullmatch(employee) else f"bad employee id {employee!r}",
        _amount_problem(rules, claim.get("amount")),
        None if currency in rates else f"unknown currency {currency!r}",
        None if category in CATEGORIES else f"unknown category {category!r}",
        _date_problem(claim.get("date")),
    ]
    return [problem for problem in problems if problem is not None]
