"""Subscription lines, prorated by the days a subscription is active in the period."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from billing.errors import BillingError
from billing.models import BillingPeriod, InvoiceLine
from billing.money import round_to_cents

PLAN_PRICES = {
    "basic": Decimal("9.00"),
    "pro": Decimal("29.00"),
    "enterprise": Decimal("199.00"),
}


def subscription_line(
    subscription: Mapping[str, Any], period_start: date, period_end: date
) -> dict[str, object] | None:
    """The invoice line for one subscription, or None when it is not active in the period."""
    period = BillingPeriod.checked(period_start, period_end)
    line = _prorated_line(subscription, period)
    return None if line is None else line.as_dict()


def _prorated_line(subscription: Mapping[str, Any], period: BillingPeriod) -> InvoiceLine | None:
    plan, seats = _plan_and_seats(subscription)
    active = _active_part(subscription["start"], subscription.get("end"), period)
    if active is None:
        return None
    price = PLAN_PRICES[plan]
    amount = round_to_cents(price * seats * active.days / period.days)
    coverage = f"{active.start.isoformat()} to {active.last_day.isoformat()}"
    if active.days != period.days:
        coverage += f", prorated {active.days}/{period.days} days"
    # `:d` renders a bool seat count (which passes the int check) as 1, not True.
    description = f"{plan.capitalize()} plan x{seats:d} ({coverage})"
    return InvoiceLine(description, seats, price, amount)


def _plan_and_seats(subscription: Mapping[str, Any]) -> tuple[str, int]:
    plan = subscription.get("plan")
    if plan not in PLAN_PRICES:
        raise BillingError(f"unknown plan {plan!r}")
    seats = subscription.get("seats", 1)
    if not isinstance(seats, int) or seats <= 0:
        raise BillingError(f"seats must be a positive integer, got {seats!r}")
    return plan, seats


def _active_part(start: date, end: date | None, period: BillingPeriod) -> BillingPeriod | None:
    if end is not None and end <= start:
        raise BillingError(f"subscription end {end} must be after start {start}")
    active = BillingPeriod(max(start, period.start), min(end or period.end, period.end))
    return active if active.days > 0 else None
