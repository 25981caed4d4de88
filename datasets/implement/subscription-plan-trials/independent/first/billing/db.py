"""SQLite access: the schema and one short-lived connection per unit of work."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS plans (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    price_cents INTEGER NOT NULL,
    interval TEXT NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0,
    trial_days INTEGER NOT NULL DEFAULT 0 CHECK (trial_days BETWEEN 0 AND 90)
);
CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    plan_code TEXT NOT NULL REFERENCES plans(code),
    status TEXT NOT NULL,
    anchor_date TEXT NOT NULL,
    periods_billed INTEGER NOT NULL DEFAULT 0,
    start_date TEXT,
    trial_ends_on TEXT
);
CREATE TABLE IF NOT EXISTS invoices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    amount_cents INTEGER NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    UNIQUE (subscription_id, period_start)
);
"""

# Columns added after 3.2 to files that lack them. Earlier releases had no trials: their plans
# get trial_days 0 and their subscriptions no trial_ends_on; every one of them started on its
# anchor date, which backfills start_date.
ADDED_COLUMNS: list[tuple[str, str, str, str | None]] = [
    (
        "plans",
        "trial_days",
        "INTEGER NOT NULL DEFAULT 0 CHECK (trial_days BETWEEN 0 AND 90)",
        None,
    ),
    (
        "subscriptions",
        "start_date",
        "TEXT",
        "UPDATE subscriptions SET start_date = anchor_date WHERE start_date IS NULL",
    ),
    ("subscriptions", "trial_ends_on", "TEXT", None),
]


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path

    def initialise(self) -> None:
        """Create missing tables and bring files of earlier releases up to date, in place.

        Safe on every startup: each step applies only what the file still lacks.
        """
        with self.unit_of_work() as connection:
            connection.executescript(SCHEMA)
            _add_trial_columns(connection)

    @contextmanager
    def unit_of_work(self) -> Iterator[sqlite3.Connection]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        connection = sqlite3.connect(self.path)
        connection.row_factory = sqlite3.Row
        try:
            with connection:
                yield connection
        finally:
            connection.close()


def _add_trial_columns(connection: sqlite3.Connection) -> None:
    for table, column, definition, backfill in ADDED_COLUMNS:
        columns = {row["name"] for row in connection.execute(f"PRAGMA table_info({table})")}
        if column not in columns:
            connection.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
            if backfill is not None:
                connection.execute(backfill)
