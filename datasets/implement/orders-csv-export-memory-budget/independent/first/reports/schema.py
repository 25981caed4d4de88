"""The tables the finance export reads (SQLite)."""

import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL,  -- customers get deleted (GDPR); their orders stay
    placed_at TEXT NOT NULL,  -- ISO 8601, UTC
    amount_cents INTEGER NOT NULL  -- negative for refunds
);
-- The export reads orders by (placed_at, id): with this index (id is the rowid, so it is part
-- of every index entry) SQLite streams them in order instead of sorting the whole table.
CREATE INDEX IF NOT EXISTS orders_by_placed_at ON orders (placed_at);
"""


def create_schema(connection: sqlite3.Connection) -> None:
    connection.executescript(SCHEMA)
