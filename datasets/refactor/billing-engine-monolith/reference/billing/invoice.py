"""build_invoice: assemble lines, discount and tax into the invoice dict."""

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from billing.errors import BillingError
from billing.models import BillingPeriod
from billing.money import percent_of
from billing.subscriptions import subscription_line
from billing.tax import tax_for
from billing.usage import usage_lines


def build_invoice(
    number: str,
    customer: Mapping[str, Any],
    subscriptions: Iterable[Mapping[str, Any]],
    usage: Iterable[Mapping[str, Any]],
    period_start: date,
    period_end: date,
) -> dict[str, Any]:
    _check_customer(customer)
    BillingPeriod.checked(period_start, period_end)
    discount_percent = _discount_percent(customer)
    subscription_lines = _subscription_lines(subscriptions, period_start, period_end)
    usage_part = [line.as_dict() for line in usage_lines(usage)]
    subscription_total = _total(subscription_lines)
    usage_total = _total(usage_part)
    discount = percent_of(subscription_total, discount_percent)
    tax = tax_for(customer, subscription_total, usage_total, discount)
    subtotal = subscription_total + usage_total
    return {
        "number": number,
        "customer_id": customer["id"],
        "currency": tax["currency"],
        "period_start": period_start,
        "period_end": period_end,
        "lines": subscription_lines + usage_part,
        "subtotal": subtotal,
        "discount_percent": discount_percent,
        "discount": discount,
        "tax_rate": tax["tax_rate"],
        "tax": tax["tax"],
        "total": subtotal - discount + tax["tax"],
        "notes": tax["notes"],
    }


def _check_customer(customer: Mapping[str, Any]) -> None:
    for field in ("id", "country"):
        if not customer.get(field):
            raise BillingError(f"customer is missing {field!r}")


def _discount_percent(customer: Mapping[str, Any]) -> Decimal:
    raw = customer.get("discount_percent", 0)
    try:
        percent = Decimal(str(raw))
    except InvalidOperation:
        raise BillingError(f"invalid discount_percent {raw!r}") from None
    if not 0 <= percent <= 100:
        raise BillingError("discount_percent must be between 0 and 100")
    return percent


def _subscription_lines(
    subscriptions: Iterable[Mapping[str, Any]], period_start: date, period_end: date
) -> list[dict[str, Any]]:
    lines = (subscription_line(sub, period_start, period_end) for sub in subscriptions)
    return [line for line in lines if line is not None]


def _total(lines: Iterable[Mapping[str, Any]]) -> Decimal:
    return sum((line["amount"] for line in lines), start=Decimal("0.00"))
