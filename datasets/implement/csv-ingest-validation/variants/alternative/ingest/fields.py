"""One parser per transaction column: each returns the typed value or raises `FieldError`."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation

_CURRENCY = re.compile(r"[A-Z]{3}")


class FieldError(ValueError):
    """The value of one field is invalid; the message is meant for the partner's report."""


def required_text(value: str) -> str:
    if not value:
        raise FieldError("is required")
    return value


def money_amount(value: str) -> Decimal:
    try:
        amount = Decimal(value)
    except InvalidOperation as error:
        raise FieldError(f"{value!r} is not a decimal number") from error
    if not amount.is_finite():
        raise FieldError(f"{value!r} is not a finite number")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise FieldError(f"{value!r} has more than two decimal places")
    return amount


def currency_code(value: str) -> str:
    if not _CURRENCY.fullmatch(value):
        raise FieldError(f"{value!r} is not three uppercase letters (like EUR)")
    return value


def aware_timestamp(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise FieldError(f"{value!r} is not an ISO 8601 timestamp") from error
    if parsed.utcoffset() is None:
        raise FieldError(f"{value!r} has no UTC offset")
    return parsed
