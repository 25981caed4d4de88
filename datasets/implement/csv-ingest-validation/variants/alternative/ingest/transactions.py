"""CSV ingest of bank transactions: good rows become records, each bad field one error."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from ingest.fields import FieldError, aware_timestamp, currency_code, money_amount, required_text

# Column -> parser, in the order required columns are reported and row errors are listed.
PARSERS: dict[str, Callable[[str], object]] = {
    "transaction_id": required_text,
    "account_id": required_text,
    "amount": money_amount,
    "currency": currency_code,
    "booked_at": aware_timestamp,
}
FIRST_DATA_ROW = 2  # the header is row 1


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
    records: list[Transaction] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


class MissingColumnsError(ValueError):
    def __init__(self, missing: list[str]) -> None:
        super().__init__(f"missing required columns: {', '.join(missing)}")
        self.missing = missing


def ingest_transactions(csv_text: str) -> IngestResult:
    reader = csv.reader(io.StringIO(csv_text))
    header = [name.strip() for name in next(reader, [])]
    missing = [name for name in PARSERS if name not in header]
    if missing:
        raise MissingColumnsError(missing)
    result = IngestResult()
    ingested_ids: set[str] = set()
    for row_number, cells in enumerate(reader, start=FIRST_DATA_ROW):
        values = dict(zip(header, _padded(cells, len(header)), strict=True))
        parsed, errors = _parse_row(row_number, values, ingested_ids)
        result.errors.extend(errors)
        if not errors:
            record = Transaction(**parsed)  # type: ignore[arg-type]
            result.records.append(record)
            ingested_ids.add(record.transaction_id)
    return result


def _padded(cells: list[str], width: int) -> Iterator[str]:
    """The row's stripped cells, missing trailing cells read as empty (extra ones dropped)."""
    stripped = [cell.strip() for cell in cells[:width]]
    yield from stripped
    yield from [""] * (width - len(stripped))


def _parse_row(
    row_number: int, values: dict[str, str], ingested_ids: set[str]
) -> tuple[dict[str, object], list[RowError]]:
    parsed: dict[str, object] = {}
    errors: list[RowError] = []
    for column, parse in PARSERS.items():
        try:
            parsed[column] = parse(values[column])
        except FieldError as error:
            errors.append(RowError(row_number, column, f"{column} {error}"))
    if parsed.get("transaction_id") in ingested_ids:
        duplicate = RowError(row_number, "transaction_id", "transaction_id repeats an earlier row")
        errors.insert(0, duplicate)
    return parsed, errors
