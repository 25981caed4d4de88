"""Review imported (or hand-entered) claims against the expenses policy.

A claim is rejected when it is invalid or a duplicate, sent to a manager when it is over its
category's limit, and approved otherwise. Approval is strict: it normalises nothing (see the
approval rules in `expenses.validation`), because a hand-entered claim must already be in the
canonical form.
"""

from collections.abc import Mapping
from decimal import Decimal

from .models import CATEGORY_LIMITS, Decision
from .money import to_base
from .rates import BASE_CURRENCY
from .validation import parse_amount, parse_date, printed, validate_claim


def _duplicate_key(claim: dict) -> tuple:
    """What makes two valid claims the same expense."""
    return (claim["employee"].strip(), parse_amount(printed(claim["amount"])),
            parse_date(claim["date"]), claim["category"])


def _verdict(claim: dict, rates: Mapping[str, Decimal],
             limits: Mapping[str, Decimal]) -> Decision:
    """The decision on a valid claim that is not a duplicate."""
    base_amount = to_base(Decimal(printed(claim["amount"])), claim["currency"], rates, "approval")
    limit = limits[claim["category"]]
    if base_amount > limit:
        reason = f"over the {claim['category']} limit of {limit} {BASE_CURRENCY}"
        return Decision(claim.get("id"), "needs_review", (reason,), base_amount, claim)
    return Decision(claim.get("id"), "approved", (), base_amount, claim)


def review_claims(claims: list[dict], rates: Mapping[str, Decimal],
                  limits: Mapping[str, Decimal] | None = None) -> list[Decision]:
    """One decision per claim, in order.

    `limits` maps categories to the highest base amount approved without a manager; categories
    it leaves out use the default limits. A claim with the same employee, amount, date and
    category as an earlier valid claim of the batch is rejected as its duplicate.
    """
    category_limits = {**CATEGORY_LIMITS, **(limits or {})}
    decisions = []
    first_seen: dict[tuple, object] = {}
    for claim in claims:
        problems = validate_claim(claim, "approval", rates)
        key = None if problems else _duplicate_key(claim)
        if key in first_seen:
            problems = [f"duplicate of claim {first_seen[key]}"]
        if problems:
            decisions.append(Decision(claim.get("id"), "rejected", tuple(problems), None, claim))
            continue
        first_seen[key] = claim.get("id")
        decisions.append(_verdict(claim, rates, category_limits))
    return decisions


def count_by_status(decisions: list[Decision]) -> dict[str, int]:
    """How many decisions have each status (all three keys, zero included)."""
    counts = {"approved": 0, "needs_review": 0, "rejected": 0}
    for decision in decisions:
        counts[decision.status] += 1
    return counts
