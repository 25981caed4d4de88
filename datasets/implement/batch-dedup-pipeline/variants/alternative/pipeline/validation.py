"""Turning one raw export row into a `Customer`, or saying which field is wrong with it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from pipeline.records import Customer


class RowValidationError(ValueError):
    """The row cannot become a customer; the message starts with the offending field."""


def customer_from_row(row: Mapping[str, object]) -> Customer:
    return Customer(
        customer_id=_customer_id(row.get("customer_id")),
        email=_email(row.get("email")),
        updated_at=_updated_at(row.get("updated_at")),
    )


def _customer_id(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise RowValidationError("customer_id: must be a non-empty string")
    return value


def _email(value: object) -> str:
    if not isinstance(value, str):
        raise RowValidationError("email: must be a string")
    local, at, domain = value.partition("@")
    if not at or "@" in domain or not local or not domain:
        raise RowValidationError("email: needs exactly one '@' with text on both sides")
    return value


def _updated_at(value: object) -> datetime:
    if not isinstance(value, str):
        raise RowValidationError("updated_at: must be an ISO 8601 string")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise RowValidationError(f"updated_at: not ISO 8601 ({error})") from error
    if parsed.utcoffset() is None:
        raise RowValidationError("updated_at: has no UTC offset")
    return parsed
