"""CSV export of a shop's orders for the accounting team.

Exports can cover years of orders, so rows are streamed to the HTTP response in batches instead
of being loaded at once; each export opens its own read connection.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import datetime, timezone
from decimal import Decimal

BATCH_SIZE = 500
HEADER = ("order_id", "placed_at_utc", "customer_email", "total", "currency")
# Spreadsheet apps evaluate cells starting with these as formulas (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

Connect = Callable[[], sqlite3.Connection]


class InvalidRange(ValueError):
    pass


def _require_aware(value: datetime, name: str) -> datetime:
    if value.tzinfo is None:
        raise InvalidRange(f"{name} must carry a time zone")
    return value.astimezone(timezone.utc)


def _csv_line(values: tuple[object, ...]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def _text_cell(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def _format_row(row: tuple[int, str, str, int, str]) -> tuple[object, ...]:
    order_id, placed_at, email, total_cents, currency = row
    total = (Decimal(total_cents) / 100).quantize(Decimal("0.01"))
    return (order_id, placed_at, _text_cell(email), f"{total}", _text_cell(currency))


def export_orders(connect: Connect, shop_id: int, start: datetime, end: datetime) -> Iterator[str]:
    """CSV lines (header first) for the shop's orders placed in [start, end)."""
    start_utc, end_utc = _require_aware(start, "start"), _require_aware(end, "end")
    if end_utc <= start_utc:
        raise InvalidRange("end must be after start")
    return _stream(connect, shop_id, start_utc.isoformat(), end_utc.isoformat())


def _stream(connect: Connect, shop_id: int, start: str, end: str) -> Iterator[str]:
    yield _csv_line(HEADER)
    # closing() runs when the generator finishes, fails, or is closed by a client disconnect.
    with closing(connect()) as connection:
        cursor = connection.execute(
            "SELECT id, placed_at, customer_email, total_cents, currency FROM orders "
            "WHERE shop_id = ? AND placed_at >= ? AND placed_at < ? ORDER BY placed_at, id",
            (shop_id, start, end),
        )
        while batch := cursor.fetchmany(BATCH_SIZE):
            for row in batch:
                yield _csv_line(_format_row(row))
