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
"""


def create_schema(connection: sqlite3.Connection) -> None:
    connection.executescript(SCHEMA)
