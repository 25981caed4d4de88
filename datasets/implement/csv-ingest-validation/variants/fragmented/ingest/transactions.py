"""Ingest partner CSV into typed transactions, collecting row-level errors."""

from collections.abc import Mapping, Sequence
from typing import Any

from ingest.columns import require_columns
from ingest.errors import MissingColumnsError
from ingest.models import IngestResult, RowError, Transaction
from ingest.reading import open_reader
from ingest.rows import parse_row

__all__ = ["IngestResult", "MissingColumnsError", "RowError", "Transaction", "ingest_transactions"]

HEADER_ROW = 1


def ingest_transactions(csv_text: str) -> IngestResult:
    reader = open_reader(csv_text)
    check_header(reader.fieldnames or [])
    result = IngestResult(records=[], errors=[])
    ingested_ids: set[str] = set()
    for row_number, row in enumerate(reader, start=HEADER_ROW + 1):
        values, row_errors = parse_one(row, row_number, ingested_ids)
        if row_errors:
            result.errors.extend(row_errors)
            continue
        transaction = build_transaction(values)
        ingested_ids.add(transaction.transaction_id)
        result.records.append(transaction)
    return result


def check_header(header: Sequence[str]) -> None:
    require_columns(header)


def parse_one(
    row: Mapping[str, str | None], row_number: int, ingested_ids: set[str]
) -> tuple[dict[str, Any], list[RowError]]:
    return parse_row(row, row_number, ingested_ids)


def build_transaction(values: dict[str, Any]) -> Transaction:
    return Transaction(**values)
