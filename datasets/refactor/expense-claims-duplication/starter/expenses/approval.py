"""Review imported (or hand-entered) claims against the expenses policy.

A claim is rejected when it is invalid or a duplicate, sent to a manager when it is over its
category's limit, and approved otherwise. Approval is strict: it normalises nothing, because a
hand-entered claim must already be in the canonical form.
"""

import re
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from .models import CATEGORIES, CATEGORY_LIMITS, Decision
from .rates import BASE_CURRENCY

EMPLOYEE_ID = re.compile(r"E\d{4}")
CENT = Decimal("0.01")


def _parse_amount(value: object) -> Decimal | None:
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def _check_claim(claim: dict, rates: dict) -> list[str]:
    """Every problem with a claim, in the importer's order."""
    problems = []
    employee = str(claim.get("employee") or "").strip()
    if not EMPLOYEE_ID.fullmatch(employee):
        problems.append(f"bad employee id {employee!r}")
    amount = _parse_amount(claim.get("amount"))
    if amount is None:
        problems.append(f"amount {str(claim.get('amount')).strip()!r} is not a number")
    elif amount <= 0:
        problems.append("amount must be positive")
    elif amount != amount.quantize(CENT):
        # Payroll pays whole cents: a hand-entered 12.345 is a typo, not something to round.
        problems.append("amount has fractions of a cent")
    currency = str(claim.get("currency") or "")
    if currency not in rates:
        problems.append(f"unknown currency {currency!r}")
    category = str(claim.get("category") or "")
    if category not in CATEGORIES:
        problems.append(f"unknown category {category!r}")
    spent_on = claim.get("date")
    if not isinstance(spent_on, date):
        date_text = str(spent_on or "").strip()
        try:
            date.fromisoformat(date_text)
        except ValueError:
            problems.append(f"date {date_text!r} is not YYYY-MM-DD")
    return problems


def _spent_on(claim: dict) -> date:
    value = claim.get("date")
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def _to_base(claim: dict, rates: dict) -> Decimal:
    # Approval rounds the conversion half-even (banker's rounding), as the audit team asked.
    amount = Decimal(str(claim["amount"]).strip())
    return (amount * rates[claim["currency"]]).quantize(CENT, rounding=ROUND_HALF_EVEN)


def review_claims(claims: list[dict], rates: dict,
                  limits: dict | None = None) -> list[Decision]:
    """One decision per claim, in order.

    `limits` maps categories to the highest base amount approved without a manager; categories
    it leaves out use the default limits. A claim with the same employee, amount, date and
    category as an earlier valid claim of the batch is rejected as its duplicate.
    """
    category_limits = {**CATEGORY_LIMITS, **(limits or {})}
    decisions = []
    first_seen: dict[tuple, object] = {}
    for claim in claims:
        problems = _check_claim(claim, rates)
        if problems:
            decisions.append(Decision(claim.get("id"), "rejected", tuple(problems), None, claim))
            continue
        key = (claim["employee"].strip(), _parse_amount(claim["amount"]), _spent_on(claim),
               claim["category"])
        if key in first_seen:
            reason = f"duplicate of claim {first_seen[key]}"
            decisions.append(Decision(claim.get("id"), "rejected", (reason,), None, claim))
            continue
        first_seen[key] = claim.get("id")
        base_amount = _to_base(claim, rates)
        limit = category_limits[claim["category"]]
        if base_amount > limit:
            reason = f"over the {claim['category']} limit of {limit} {BASE_CURRENCY}"
            decisions.append(Decision(claim.get("id"), "needs_review", (reason,), base_amount,
                                      claim))
        else:
            decisions.append(Decision(claim.get("id"), "approved", (), base_amount, claim))
    return decisions


def count_by_status(decisions: list[Decision]) -> dict[str, int]:
    """How many decisions have each status (all three keys, zero included)."""
    counts = {"approved": 0, "needs_review": 0, "rejected": 0}
    for decision in decisions:
        counts[decision.status] += 1
    return counts
