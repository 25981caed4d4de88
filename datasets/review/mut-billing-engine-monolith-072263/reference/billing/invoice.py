"""build_invoice: assemble lines, discount and tax into the invoice dict."""

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from billing.errors import BillingError
from billing.models import BillingPeriod, InvoiceLine
from billing.money import percent_of
from billing.subscriptions import subscription_line
from billing.tax import tax_treatment
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
    period = _billing_period(period_start, period_end)
    discount_percent = _discount_percent(customer)
    lines = _subscription_lines(subscriptions, period) + usage_lines(usage)
    subscription_total = _sum(line.amount for line in lines if line.is_subscription)
    subtotal = _sum(line.amount for line in lines)
    discount = percent_of(subscription_total, discount_percent)
    treatment = tax_treatment(customer)
    taxable = (subtotal if treatment.taxes_usage else subscription_total) - discount
    tax = percent_of(taxable, treatment.rate)
    return {
        "number": number,
        "customer_id": customer["id"],
        "currency": treatment.currency,
        "period_start": period_start,
        "period_end": period_end,
        "lines": [line.as_dict() for line in lines],
        "subtotal": subtotal,
        "discount_percent": discount_percent,
        "discount": discount,
        "tax_rate": treatment.rate,
        "tax": tax,
        "total": subtotal - discount + tax,
        "notes": [treatment.note] if treatment.note else [],
    }


def _check_customer(customer: Mapping[str, Any]) -> None:
    for field in ("id", "country"):
        if not customer.get(field):
            raise BillingError(f"customer is missing {field!r}")


def _billing_period(start: date, end: date) -> BillingPeriod:
    if end <= start:
        raise BillingError(f"billing period end {end} must be after start {start}")
    return BillingPeriod(start, end)


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
    subscriptions: Iterable[Mapping[str, Any]], period: BillingPeriod
) -> list[InvoiceLine]:
    lines = (subscription_line(subscription, period) for subscription in subscriptions)
    return [line for line in lines if line is not None]


def _sum(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, start=Decimal("0.00"))
