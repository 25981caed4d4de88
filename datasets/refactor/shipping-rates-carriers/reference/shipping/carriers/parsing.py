"""Reading carrier answers: the checks every adapter applies to what a carrier sent."""

import json
from decimal import Decimal, InvalidOperation

from ..config import MAX_FUEL_PERCENT
from ..errors import BadCarrierResponse
from ..http import Response


def json_entries(carrier: str, body: str, key: str) -> list[object]:
    """The list under `key` in a JSON body (each entry is checked as it is read, by `entry`)."""
    try:
        data = json.loads(body)
    except ValueError:
        raise BadCarrierResponse(f"{carrier}: response is not JSON") from None
    entries = data.get(key) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise BadCarrierResponse(f"{carrier}: response has no rates")
    return entries


def entry(carrier: str, value: object) -> dict[str, object]:
    if not isinstance(value, dict):
        raise BadCarrierResponse(f"{carrier}: response has no rates")
    return value


def positive_price(carrier: str, value: object) -> Decimal:
    try:
        price = Decimal(str(value))
    except InvalidOperation:
        raise BadCarrierResponse(f"{carrier}: bad price {value!r}") from None
    if not price.is_finite() or price <= 0:
        raise BadCarrierResponse(f"{carrier}: bad price {value!r}")
    return price


def transit_days(carrier: str, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise BadCarrierResponse(f"{carrier}: bad transit days {value!r}")
    return value


def fuel_percent(carrier: str, response: Response, header: str) -> Decimal:
    """The fuel surcharge percentage a carrier sends with its rates (none sent: 0)."""
    raw = response.headers.get(header, "0")
    try:
        percent = Decimal(raw)
    except InvalidOperation:
        raise BadCarrierResponse(f"{carrier}: bad fuel surcharge {raw!r}") from None
    if not percent.is_finite() or percent < 0 or percent > MAX_FUEL_PERCENT:
        raise BadCarrierResponse(f"{carrier}: bad fuel surcharge {raw!r}")
    return percent
