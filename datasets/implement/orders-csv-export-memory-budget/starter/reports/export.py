"""The nightly orders export for finance: every order as one CSV row, then a total row."""

import csv
import io
import sqlite3
from typing import TextIO

HEADER = ["order_id", "placed_at", "customer", "country", "amount"]


def format_cents(cents: int) -> str:
    """-1234 -> "-12.34"."""
    sign = "-" if cents < 0 else ""
    whole, fraction = divmod(abs(cents), 100)
    return f"{sign}{whole}.{fraction:02d}"


def export_orders_csv(connection: sqlite3.Connection, out: TextIO) -> int:
    """Writes all orders to `out`, oldest first; returns how many orders it wrote."""
    customers = {
        customer_id: (name, country)
        for customer_id, name, country in connection.execute(
            "SELECT id, name, country FROM customers"
        )
    }
    orders = connection.execute(
        "SELECT id, placed_at, customer_id, amount_cents FROM orders"
    ).fetchall()
    orders.sort(key=lambda order: (order[1], order[0]))

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    total = 0
    for order_id, placed_at, customer_id, amount_cents in orders:
        name, country = customers.get(customer_id, ("", ""))
        writer.writerow([order_id, placed_at, name, country, format_cents(amount_cents)])
        total += amount_cents
    writer.writerow(["TOTAL", "", "", "", format_cents(total)])
    out.write(buffer.getvalue())
    return len(orders)
