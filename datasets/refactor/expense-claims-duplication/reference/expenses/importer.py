"""Import expense claims from the CSV export of the expenses app.

Each row is checked and normalised by the import rules of `expenses.validation`; its amount is
rounded to cents and converted to the base currency. Rows with problems are reported line by
line; the rest become claims.
"""

import csv
import io
from collections.abc import Mapping
from decimal import Decimal

from .errors import ExpenseError
from .models import REQUIRED_COLUMNS, ImportResult
from .money import to_base, to_cents
from .validation import lower_stripped, parse_date, stripped, upper_stripped, validate_claim


def _claim_from_row(row: Mapping[str, object], rates: Mapping[str, Decimal]) -> dict:
    """The normalised claim of a row that passed the checks."""
    currency = upper_stripped(row.get("currency"))
    amount = to_cents(Decimal(stripped(row.get("amount"))))
    return {
        "id": stripped(row.get("id")),
        "employee": upper_stripped(row.get("employee")),
        "amount": amount,
        "currency": currency,
        "category": lower_stripped(row.get("category")),
        "date": parse_date(row.get("date")),
        "base_amount": to_base(amount, currency, rates, "import"),
    }


def _check_columns(reader: csv.DictReader) -> None:
    columns = [name.strip().lower() for name in reader.fieldnames or []]
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            raise ExpenseError(f"missing column {column!r}")
    reader.fieldnames = columns


def import_claims(csv_text: str, rates: Mapping[str, Decimal]) -> ImportResult:
    """Read the CSV export: one claim per valid row, one error per problem of the others.

    Errors read `line N: problem`, N counting the header as line 1. A claim id seen on an
    earlier accepted row makes the row a duplicate. Raises ExpenseError when a column is missing.
    """
    reader = csv.DictReader(io.StringIO(csv_text))
    _check_columns(reader)
    result = ImportResult()
    seen_ids = set()
    for line_number, row in enumerate(reader, start=2):
        claim_id = stripped(row.get("id"))
        problems = validate_claim(row, "import", rates)
        if not problems and claim_id in seen_ids:
            problems = [f"duplicate claim id {claim_id!r}"]
        if problems:
            result.errors.extend(f"line {line_number}: {problem}" for problem in problems)
            continue
        seen_ids.add(claim_id)
        result.claims.append(_claim_from_row(row, rates))
    return result
