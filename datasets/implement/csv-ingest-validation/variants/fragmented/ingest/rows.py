"""Parsing one data row into field values and errors."""

from collections.abc import Callable, Mapping
from typing import Any

from ingest.amounts import parse_amount
from ingest.cells import cell_value
from ingest.currencies import parse_currency
from ingest.ids import parse_new_id
from ingest.models import RowError
from ingest.text_fields import parse_required_text
from ingest.timestamps import parse_aware_timestamp


def parse_row(
    row: Mapping[str, str | None], row_number: int, ingested_ids: set[str]
) -> tuple[dict[str, Any], list[RowError]]:
    parsers: dict[str, Callable[[str], object]] = {
        "transaction_id": lambda value: parse_new_id(value, ingested_ids),
        "account_id": parse_required_text,
        "amount": parse_amount,
        "currency": parse_currency,
        "booked_at": parse_aware_timestamp,
    }
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    for column, parse in parsers.items():
        try:
            values[column] = parse(cell_value(row, column))
        except ValueError as error:
            errors.append(RowError(row_number, column, str(error)))
    return values, errors
