"""SQLite connection handling and the schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS tickets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    requester_email TEXT NOT NULL,
    priority TEXT NOT NULL,
    status TEXT NOT NULL,
    assignee TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    body TEXT NOT NULL,
    internal INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS comments_by_ticket ON comments(ticket_id);
"""


def connect(path: Path) -> sqlite3.Connection:
    # FastAPI runs sync endpoints in a worker thread, so a connection may cross threads; each
    # request still gets its own connection.
    connection = sqlite3.connect(path, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


# Columns added after the first release, with the DDL that adds each one to an older database.
MIGRATIONS: tuple[tuple[str, str, str], ...] = (
    # Soft delete (HD-412): NULL for a live ticket, the ISO-8601 time of deletion otherwise.
    ("tickets", "deleted_at", "ALTER TABLE tickets ADD COLUMN deleted_at TEXT"),
)


def _columns(connection: sqlite3.Connection, table: str) -> set[str]:
    return {row["name"] for row in connection.execute(f"PRAGMA table_info({table})")}


def init_schema(path: Path) -> None:
    """Create the tables if they are missing and bring an older database up to date.

    Safe to run at every start: existing rows are kept, and a column is only added when it is
    missing.
    """
    connection = connect(path)
    try:
        connection.executescript(SCHEMA)
        with connection:
            for table, column, ddl in MIGRATIONS:
                if column not in _columns(connection, table):
                    connection.execute(ddl)
    finally:
        connection.close()
