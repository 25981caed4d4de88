"""Metered usage lines: each metric has a free allowance, then a unit price."""

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from billing.errors import BillingError
from billing.models import InvoiceLine
from billing.money import plain_number, round_to_cents

INCLUDED_API_CALLS = 100_000
API_CALLS_PER_BLOCK = 1_000
PRICE_PER_API_BLOCK = Decimal("0.50")
INCLUDED_STORAGE_GB = Decimal("10")
PRICE_PER_STORAGE_GB = Decimal("0.10")


def usage_lines(records: Iterable[Mapping[str, Any]]) -> list[InvoiceLine]:
    api_calls = 0
    storage_gb = Decimal("0")
    for record in records:
        metric = record.get("metric")
        if metric == "api_calls":
            api_calls += _api_call_count(record.get("quantity"))
        elif metric == "storage_gb":
            storage_gb += _storage_amount(record.get("quantity"))
        else:
            raise BillingError(f"unknown usage metric {metric!r}")
    lines = [_api_calls_line(api_calls), _storage_line(storage_gb)]
    return [line for line in lines if line is not None]


def _api_call_count(quantity: object) -> int:
    if not isinstance(quantity, int) or quantity < 0:
        raise BillingError("api_calls quantity must be a non-negative integer")
    return quantity


def _storage_amount(quantity: object) -> Decimal:
    try:
        amount = Decimal(str(quantity))
    except InvalidOperation:
        raise BillingError("storage_gb quantity must be a number") from None
    if not amount.is_finite() or amount < 0:
        raise BillingError("storage_gb quantity must be a non-negative number")
    return amount


def _api_calls_line(api_calls: int) -> InvoiceLine | None:
    if api_calls <= INCLUDED_API_CALLS:
        return None
    # A started block of calls is billed in full (integer ceiling division).
    blocks = -(-(api_calls - INCLUDED_API_CALLS) // API_CALLS_PER_BLOCK)
    return InvoiceLine(
        description=f"API calls: {api_calls:,} ({INCLUDED_API_CALLS:,} included)",
        quantity=blocks,
        unit_price=PRICE_PER_API_BLOCK,
        amount=round_to_cents(blocks * PRICE_PER_API_BLOCK),
    )


def _storage_line(storage_gb: Decimal) -> InvoiceLine | None:
    billable = storage_gb - INCLUDED_STORAGE_GB
    amount = round_to_cents(billable * PRICE_PER_STORAGE_GB)
    if amount <= 0:
        return None
    return InvoiceLine(
        description=(
            f"Storage: {plain_number(storage_gb)} GB ({INCLUDED_STORAGE_GB} GB included)"
        ),
        quantity=billable,
        unit_price=PRICE_PER_STORAGE_GB,
        amount=amount,
    )
