"""Schema of the CRM's customer book (SQLite locally, Postgres in production)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    segment TEXT NOT NULL,
    lifetime_value_cents INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    UNIQUE (tenant_id, email)
);
CREATE INDEX IF NOT EXISTS ix_customers_tenant_segment ON customers (tenant_id, segment, id);
"""


def connect(database: str | Path) -> sqlite3.Connection:
    connection = sqlite3.connect(database, check_same_thread=False)
    connection.executescript(SCHEMA)
    return connection
