"""Import expense claims from the CSV export of the expenses app.

Each row is checked and normalised (employee ids upper-cased, currencies upper-cased,
categories lower-cased), its amount is rounded to cents and converted to the base currency.
Rows with problems are reported line by line; the rest become claims.
"""

import csv
import io
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import ExpenseError
from .models import CATEGORIES, REQUIRED_COLUMNS, ImportResult

EMPLOYEE_ID = re.compile(r"E\d{4}")
CENT = Decimal("0.01")


def _text(row: dict, key: str) -> str:
    """A cell as stripped text: csv gives None for cells missing at the end of a short row."""
    return str(row.get(key) or "").strip()


def _check_row(row: dict, rates: dict) -> list[str]:
    """Every problem with one row, in column order (the clerks fix them top to bottom)."""
    problems = []
    if not _text(row, "id"):
        problems.append("claim id is missing")
    employee = _text(row, "employee").upper()
    if not EMPLOYEE_ID.fullmatch(employee):
        problems.append(f"bad employee id {employee!r}")
    amount_text = _text(row, "amount")
    try:
        amount = Decimal(amount_text)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        problems.append(f"amount {amount_text!r} is not a number")
    elif amount <= 0:
        problems.append("amount must be positive")
    currency = _text(row, "currency").upper()
    if currency not in rates:
        problems.append(f"unknown currency {currency!r}")
    category = _text(row, "category").lower()
    if category not in CATEGORIES:
        problems.append(f"unknown category {category!r}")
    date_text = _text(row, "date")
    try:
        date.fromisoformat(date_text)
    except ValueError:
        problems.append(f"date {date_text!r} is not YYYY-MM-DD")
    return problems


def _claim_from_row(row: dict, rates: dict) -> dict:
    """The normalised claim of a row that passed the checks."""
    currency = _text(row, "currency").upper()
    # The expenses app lets people type sub-cent amounts; payroll pays cents, rounded half-up,
    # and the conversion is rounded half-up as well.
    amount = Decimal(_text(row, "amount")).quantize(CENT, rounding=ROUND_HALF_UP)
    base_amount = (amount * rates[currency]).quantize(CENT, rounding=ROUND_HALF_UP)
    return {
        "id": _text(row, "id"),
        "employee": _text(row, "employee").upper(),
        "amount": amount,
        "currency": currency,
        "category": _text(row, "category").lower(),
        "date": date.fromisoformat(_text(row, "date")),
        "base_amount": base_amount,
    }


def _check_columns(reader: csv.DictReader) -> None:
    columns = [name.strip().lower() for name in reader.fieldnames or []]
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            raise ExpenseError(f"missing column {column!r}")
    reader.fieldnames = columns


def import_claims(csv_text: str, rates: dict) -> ImportResult:
    """Read the CSV export: one claim per valid row, one error per problem of the others.

    Errors read `line N: problem`, N counting the header as line 1. A claim id seen on an
    earlier accepted row makes the row a duplicate. Raises ExpenseError when a column is missing.
    """
    reader = csv.DictReader(io.StringIO(csv_text))
    _check_columns(reader)
    result = ImportResult()
    seen_ids = set()
    for line_number, row in enumerate(reader, start=2):
        problems = _check_row(row, rates)
        if not problems and _text(row, "id") in seen_ids:
            problems = [f"duplicate claim id {_text(row, 'id')!r}"]
        if problems:
            result.errors.extend(f"line {line_number}: {problem}" for problem in problems)
            continue
        seen_ids.add(_text(row, "id"))
        result.claims.append(_claim_from_row(row, rates))
    return result
