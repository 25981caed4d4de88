"""Invoice numbers: INV-<year>-<4-digit sequence>, restarting every calendar year."""

import re
from datetime import date

from billing.errors import BillingError

_NUMBER_PATTERN = re.compile(r"INV-(\d+)-(\d+)")
_MAX_SEQUENCE = 9999


def next_invoice_number(last_number: str | None, today: date) -> str:
    if last_number is None:
        return _format_number(today.year, 1)
    year, sequence = _parse_number(last_number)
    if year > today.year:
        raise BillingError(f"invoice number {last_number} is from the future")
    if year < today.year:
        return _format_number(today.year, 1)
    if sequence >= _MAX_SEQUENCE:
        raise BillingError(f"invoice sequence for {year} is exhausted")
    return _format_number(year, sequence + 1)


def _parse_number(number: str) -> tuple[int, int]:
    match = _NUMBER_PATTERN.fullmatch(number)
    if match is None:
        raise BillingError(f"malformed invoice number {number!r}")
    return int(match[1]), int(match[2])


def _format_number(year: int, sequence: int) -> str:
    return f"INV-{year}-{sequence:04d}"
