"""Ingest partner CSV into typed transactions, collecting row-level errors."""

import csv
import io
import json
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

REQUIRED_COLUMNS = ("transaction_id", "account_id", "amount", "currency", "booked_at")
OPTIONAL_COLUMNS = ("memo", "counterparty")
CURRENCY_CODE = re.compile(r"[A-Z]{3}")
HEADER_ROW = 1
DEFAULT_MAX_DECIMALS = 2

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Transaction:
    transaction_id: str
    account_id: str
    amount: Decimal
    currency: str
    booked_at: datetime

    def to_dict(self) -> dict[str, str]:
        return {
            "transaction_id": self.transaction_id,
            "account_id": self.account_id,
            "amount": str(self.amount),
            "currency": self.currency,
            "booked_at": self.booked_at.isoformat(),
        }


@dataclass(frozen=True)
class RowError:
    row_number: int
    field: str
    message: str

    def describe(self) -> str:
        return f"row {self.row_number}, {self.field}: {self.message}"


@dataclass(frozen=True)
class IngestResult:
    records: list[Transaction]
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_report(self) -> str:
        return "\n".join(error.describe() for error in self.errors)

    def to_json(self) -> str:
        return json.dumps(
            {
                "records": [record.to_dict() for record in self.records],
                "errors": [asdict(error) for error in self.errors],
            }
        )


class MissingColumnsError(ValueError):
    def __init__(self, missing: list[str]) -> None:
        super().__init__(f"CSV header is missing required columns: {', '.join(missing)}")
        self.missing = missing


class IngestAbortedError(RuntimeError):
    """Raised when more rows fail than the caller is willing to accept."""


def ingest_transactions(
    csv_text: str,
    delimiter: str = ",",
    max_errors: int | None = None,
    max_decimals: int = DEFAULT_MAX_DECIMALS,
) -> IngestResult:
    reader = csv.DictReader(io.StringIO(csv_text), delimiter=delimiter)
    _require_columns(reader.fieldnames or [])
    result = IngestResult(records=[], errors=[])
    ingested_ids: set[str] = set()
    for row_number, row in enumerate(reader, start=HEADER_ROW + 1):
        values, row_errors = _parse_row(row, row_number, ingested_ids, max_decimals)
        if row_errors:
            result.errors.extend(row_errors)
            if max_errors is not None and len(result.errors) > max_errors:
                raise IngestAbortedError(
                    f"more than {max_errors} errors, stopped at row {row_number}"
                )
            continue
        transaction = Transaction(**values)
        ingested_ids.add(transaction.transaction_id)
        result.records.append(transaction)
    logger.debug("ingested %d rows, %d errors", len(result.records), len(result.errors))
    return result


def ingest_file(path: str, encoding: str = "utf-8") -> IngestResult:
    with open(path, encoding=encoding) as handle:
        return ingest_transactions(handle.read())


def _require_columns(header: Sequence[str]) -> None:
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise MissingColumnsError(missing)


def _normalize_header(header: Sequence[str]) -> list[str]:
    return [column.strip().lower() for column in header]


def _parse_row(
    row: Mapping[str, str | None],
    row_number: int,
    ingested_ids: set[str],
    max_decimals: int = DEFAULT_MAX_DECIMALS,
) -> tuple[dict[str, Any], list[RowError]]:
    parsers: dict[str, Callable[[str], object]] = {
        "transaction_id": lambda value: _parse_new_id(value, ingested_ids),
        "account_id": _parse_required_text,
        "amount": lambda value: _parse_amount(value, max_decimals),
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
    if not value:
        raise ValueError("is required")
    transaction_id = value
    if transaction_id in ingested_ids:
        raise ValueError(f"duplicate of an earlier row's transaction_id {transaction_id!r}")
    return transaction_id


def _parse_amount(value: str, max_decimals: int = DEFAULT_MAX_DECIMALS) -> Decimal:
    try:
        amount = Decimal(value)
    except InvalidOperation as error:
        raise ValueError(f"{value!r} is not a decimal number") from error
    if not amount.is_finite():
        raise ValueError(f"{value!r} is not a finite amount")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -max_decimals:
        raise ValueError(f"{value!r} has more than {max_decimals} decimal places")
    return amount


def _parse_amount_lenient(value: str) -> Decimal | None:
    value = value.replace(",", "").replace(" ", "")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        return None
    if not amount.is_finite():
        return None
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -DEFAULT_MAX_DECIMALS:
        return None
    return amount


def _parse_currency(value: str) -> str:
    if not CURRENCY_CODE.fullmatch(value):
        raise ValueError(f"{value!r} is not a three-letter uppercase currency code")
    return value


def is_valid_currency(value: str) -> bool:
    return CURRENCY_CODE.fullmatch(value.strip()) is not None


def _parse_aware_timestamp(value: str) -> datetime:
    try:
        timestamp = datetime.fromisoformat(value)
    except ValueError as error:
        raise ValueError(f"{value!r} is not an ISO 8601 timestamp") from error
    if timestamp.utcoffset() is None:
        raise ValueError(f"{value!r} has no UTC offset")
    return timestamp
