"""Ingest partner CSV into typed transactions, collecting row-level errors."""

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

REQUIRED_COLUMNS = ("transaction_id", "account_id", "amount", "currency", "booked_at")
CURRENCY_CODE = re.compile(r"[A-Z]{3}")
HEADER_ROW = 1


@dataclass(frozen=True)
class Transaction:
    transaction_id: str
    account_id: str
    amount: Decimal
    currency: str
    booked_at: datetime


@dataclass(frozen=True)
class RowError:
    row_number: int
    field: str
    message: str


@dataclass(frozen=True)
class IngestResult:
    records: list[Transaction]
    errors: list[RowError]


class MissingColumnsError(ValueError):
    def __init__(self, missing: list[str]) -> None:
        super().__init__(f"CSV header is missing required columns: {', '.join(missing)}")
        self.missing = missing


def ingest_transactions(csv_text: str) -> IngestResult:
    reader = csv.DictReader(io.StringIO(csv_text))
    header = reader.fieldnames or []
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise MissingColumnsError(missing)
    result = IngestResult(records=[], errors=[])
    ingested_ids: set[str] = set()
    for row_number, row in enumerate(reader, start=HEADER_ROW + 1):
        raw = {column: (row.get(column) or "").strip() for column in REQUIRED_COLUMNS}
        errors: list[RowError] = []

        transaction_id = raw["transaction_id"]
        if not transaction_id:
            errors.append(RowError(row_number, "transaction_id", "is required"))
        elif transaction_id in ingested_ids:
            errors.append(
                RowError(
                    row_number,
                    "transaction_id",
                    f"duplicate of an earlier row's transaction_id {transaction_id!r}",
                )
            )

        account_id = raw["account_id"]
        if not account_id:
            errors.append(RowError(row_number, "account_id", "is required"))

        amount = Decimal(0)
        try:
            amount = Decimal(raw["amount"])
            if not amount.is_finite():
                errors.append(
                    RowError(row_number, "amount", f"{raw['amount']!r} is not a finite amount")
                )
            else:
                exponent = amount.as_tuple().exponent
                if isinstance(exponent, int) and exponent < -2:
                    errors.append(
                        RowError(
                            row_number,
                            "amount",
                            f"{raw['amount']!r} has more than two decimal places",
                        )
                    )
        except InvalidOperation:
            errors.append(
                RowError(row_number, "amount", f"{raw['amount']!r} is not a decimal number")
            )

        currency = raw["currency"]
        if not CURRENCY_CODE.fullmatch(currency):
            errors.append(
                RowError(
                    row_number,
                    "currency",
                    f"{currency!r} is not a three-letter uppercase currency code",
                )
            )

        booked_at = None
        try:
            booked_at = datetime.fromisoformat(raw["booked_at"])
            if booked_at.utcoffset() is None:
                errors.append(
                    RowError(row_number, "booked_at", f"{raw['booked_at']!r} has no UTC offset")
                )
        except ValueError:
            errors.append(
                RowError(
                    row_number, "booked_at", f"{raw['booked_at']!r} is not an ISO 8601 timestamp"
                )
            )

        if errors or booked_at is None:
            result.errors.extend(errors)
            continue
        ingested_ids.add(transaction_id)
        result.records.append(Transaction(transaction_id, account_id, amount, currency, booked_at))
    return result
