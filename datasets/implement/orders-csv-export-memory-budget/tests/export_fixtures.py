"""Generates export databases for the hidden tests and the CSV they must produce."""

import csv
import hashlib
import io
import sqlite3
from collections.abc import Iterator

from reports.schema import create_schema


class DigestSink:
    """A write-only text stream that keeps only a hash and a size of what it was given, so
    the sink itself adds nothing to the memory measured around the export."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()
        self.characters = 0

    def write(self, text: str) -> int:
        self.digest.update(text.encode())
        self.characters += len(text)
        return len(text)

    def flush(self) -> None:
        pass


def new_database() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    create_schema(connection)
    return connection


def customer_rows(count: int) -> Iterator[tuple[int, str, str]]:
    countries = ["DE", "FR", "US", "GB", "NL"]
    for customer_id in range(1, count + 1):
        yield customer_id, f"Customer {customer_id:06d}, Ltd", countries[customer_id % 5]


def order_rows(count: int, customers: int) -> Iterator[tuple[int, int, str, int]]:
    """Ids not in date order, some refunds, some orders of customers that no longer exist."""
    for order_id in range(1, count + 1):
        position = (order_id * 7919) % count
        month, day, hour = 1 + position % 12, 1 + position % 28, position % 24
        placed_at = f"2024-{month:02d}-{day:02d}T{hour:02d}:00:00Z"
        amount = (order_id * 37) % 50_000 - (2_500 if order_id % 11 == 0 else 0)
        customer_id = (order_id * 13) % (customers + customers // 50) + 1
        yield order_id, customer_id, placed_at, amount


def fill(connection: sqlite3.Connection, orders: int, customers: int) -> None:
    connection.executemany("INSERT INTO customers VALUES (?, ?, ?)", customer_rows(customers))
    connection.executemany(
        "INSERT INTO orders (id, customer_id, placed_at, amount_cents) VALUES (?, ?, ?, ?)",
        order_rows(orders, customers),
    )
    connection.commit()


def amount_text(cents: int) -> str:
    whole, fraction = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{whole}.{fraction:02d}"


def expected_export(orders: int, customers: int) -> DigestSink:
    """The export the old code produced for `fill(orders, customers)`, worked out here."""
    known = {row[0]: (row[1], row[2]) for row in customer_rows(customers)}
    rows = sorted(order_rows(orders, customers), key=lambda row: (row[2], row[0]))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["order_id", "placed_at", "customer", "country", "amount"])
    for order_id, customer_id, placed_at, amount in rows:
        name, country = known.get(customer_id, ("", ""))
        writer.writerow([order_id, placed_at, name, country, amount_text(amount)])
    writer.writerow(["TOTAL", "", "", "", amount_text(sum(row[3] for row in rows))])
    sink = DigestSink()
    sink.write(buffer.getvalue())
    return sink
