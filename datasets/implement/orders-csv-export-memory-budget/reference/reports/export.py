"""The nightly orders export for finance: every order as one CSV row, then a total row.

Streams: rows go from the cursor to `out` one at a time, and SQLite does the join and the
sort, so Python memory stays flat whatever the number of orders.
"""

import csv
import sqlite3
from typing import TextIO

HEADER = ["order_id", "placed_at", "customer", "country", "amount"]

# LEFT JOIN: orders of deleted customers are still exported, with blank customer fields.
ORDERS_OLDEST_FIRST = (
    "SELECT orders.id, orders.placed_at, coalesce(customers.name, ''),"
    " coalesce(customers.country, ''), orders.amount_cents"
    " FROM orders LEFT JOIN customers ON customers.id = orders.customer_id"
    " ORDER BY orders.placed_at, orders.id"
)


def format_cents(cents: int) -> str:
    """-1234 -> "-12.34"."""
    sign = "-" if cents < 0 else ""
    whole, fraction = divmod(abs(cents), 100)
    return f"{sign}{whole}.{fraction:02d}"


def export_orders_csv(connection: sqlite3.Connection, out: TextIO) -> int:
    """Writes all orders to `out`, oldest first; returns how many orders it wrote."""
    writer = csv.writer(out)
    writer.writerow(HEADER)
    written = total = 0
    for order_id, placed_at, name, country, amount_cents in connection.execute(
        ORDERS_OLDEST_FIRST
    ):
        writer.writerow([order_id, placed_at, name, country, format_cents(amount_cents)])
        written += 1
        total += amount_cents
    writer.writerow(["TOTAL", "", "", "", format_cents(total)])
    return written
