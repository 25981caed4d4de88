"""The nightly orders export for finance: every order as one CSV row, then a total row.

Runs in constant Python memory: SQLite sorts the orders and joins the customers, the rows are
streamed from the cursor one at a time, and the CSV text goes out in small chunks.
"""

import csv
import io
import sqlite3
from typing import TextIO

HEADER = ["order_id", "placed_at", "customer", "country", "amount"]

# Characters of CSV text gathered before one `out.write`: few, larger writes for a streaming
# upload, while the buffer stays far below the memory budget.
_CHUNK_CHARS = 8 * 1024

# Oldest first, by order id on a tie; a deleted customer leaves name and country NULL.
_ORDERS_QUERY = """
SELECT orders.id, orders.placed_at, customers.name, customers.country, orders.amount_cents
FROM orders
LEFT JOIN customers ON customers.id = orders.customer_id
ORDER BY orders.placed_at, orders.id
"""


def format_cents(cents: int) -> str:
    """-1234 -> "-12.34"."""
    sign = "-" if cents < 0 else ""
    whole, fraction = divmod(abs(cents), 100)
    return f"{sign}{whole}.{fraction:02d}"


def export_orders_csv(connection: sqlite3.Connection, out: TextIO) -> int:
    """Writes all orders to `out`, oldest first; returns how many orders it wrote."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> None:
        out.write(buffer.getvalue())
        buffer.seek(0)
        buffer.truncate(0)

    writer.writerow(HEADER)
    total = 0
    count = 0
    for order_id, placed_at, name, country, amount_cents in connection.execute(_ORDERS_QUERY):
        writer.writerow(
            [
                order_id,
                placed_at,
                "" if name is None else name,
                "" if country is None else country,
                format_cents(amount_cents),
            ]
        )
        total += amount_cents
        count += 1
        if buffer.tell() >= _CHUNK_CHARS:
            flush()
    writer.writerow(["TOTAL", "", "", "", format_cents(total)])
    flush()
    return count
