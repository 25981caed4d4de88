"""SQLite connections and the schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS vehicles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    fleet_number TEXT NOT NULL UNIQUE,
    make TEXT NOT NULL,
    model TEXT NOT NULL,
    year INTEGER NOT NULL,
    odometer_km INTEGER NOT NULL,
    status TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS service_records (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    vehicle_id INTEGER NOT NULL REFERENCES vehicles(id),
    kind TEXT NOT NULL,
    performed_on TEXT NOT NULL,
    odometer_km INTEGER NOT NULL,
    cost_cents INTEGER NOT NULL,
    notes TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS service_records_by_vehicle ON service_records(vehicle_id);
"""


def connect(path: Path) -> sqlite3.Connection:
    # Sync endpoints run in FastAPI's thread pool; each request opens its own connection.
    connection = sqlite3.connect(path, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def init_schema(path: Path) -> None:
    """Create the tables if they are missing; safe at every start."""
    connection = connect(path)
    try:
        with connection:
            connection.executescript(SCHEMA)
    finally:
        connection.close()
