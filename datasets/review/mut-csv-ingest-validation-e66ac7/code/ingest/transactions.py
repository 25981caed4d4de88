"""Ingest partner CSV into typed transactions, collecting row-level errors."""

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

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
    _require_columns(reader.fieldnames or [])
    result = IngestResult(records=[], errors=[])
    ingested_ids: set[str] = set()
    for row_number, row in enumerate(reader, start=HEADER_ROW + 1):
        values, row_errors = _parse_row(row, row_number, ingested_ids)
        if row_errors:
            result.errors.extend(row_errors)
            continue
        transaction = Transaction(**values)
        ingested_ids.add(transaction.transaction_id)
        result.records.append(transaction)
    return result


def _require_columns(header: Sequence[str]) -> None:
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise MissingColumnsError(missing)


def _parse_row(
    row: Mapping[str, str | None], row_number: int, ingested_ids: set[str]
) -> tuple[dict[str, Any], list[RowError]]:
    parsers: dict[str, Callable[[str], object]] = {
        "transaction_id": lambda value: _parse_new_id(value, ingested_ids),
        "account_id": _parse_required_text,
        "amount": _parse_amount,
        "currency": _parse_currency,
        "booked_at": _parse_aware_timestamp,
    }
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    for column, parse in parsers.items():
        raw = (row.get(column) or "").strip()
        try:
            values[column] = parse(raw)
        except ValueError as error:
            errors.append(RowError(row_number, column, str(error)))
    return values, errors


def _parse_required_text(value: str) -> str:
    if not value:
        raise ValueError("is required")
    return value


def _parse_new_id(value: str, ingested_ids: set[str]) -> str:
    transaction_id = _parse_required_text(value)
    if transaction_id in ingested_ids:
        raise ValueError(f"duplicate of an earlier row's transaction_id {transaction_id!r}")
    return transaction_id


def _parse_amount(value: str) -> Decimal:
    try:
        amount = Decimal(value)
    except InvalidOperation as error:
        raise ValueError(f"{value!r} is not a decimal number") from error
    if not amount.is_finite():
        raise ValueError(f"{value!r} is not a finite amount")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent <= -2:
        raise ValueError(f"{value!r} has more than two decimal places")
    return amount


def _parse_currency(value: str) -> str:
    if not CURRENCY_CODE.fullmatch(value):
        raise ValueError(f"{value!r} is not a three-letter uppercase currency code")
    return value


def _parse_aware_timestamp(value: str) -> datetime:
    try:
        timestamp = datetime.fromisoformat(value)
    except ValueError as error:
        raise ValueError(f"{value!r} is not an ISO 8601 timestamp") from error
    if timestamp.utcoffset() is None:
        raise ValueError(f"{value!r} has no UTC offset")
    return timestamp
