"""Database schema of the clinic's scheduling service.

The clinic has a single site, so appointment times are stored as its wall-clock time in ISO 8601
without an offset ("2025-03-14T09:30"), which also makes them sort and compare as text.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS clinicians (
    id INTEGER PRIMARY KEY,
    display_name TEXT NOT NULL,
    room TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS patients (
    id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    reminder_channel TEXT NOT NULL DEFAULT 'sms'
        CHECK (reminder_channel IN ('sms', 'email', 'none'))
);
CREATE TABLE IF NOT EXISTS appointments (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    clinician_id INTEGER NOT NULL REFERENCES clinicians (id),
    starts_at TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
    status TEXT NOT NULL DEFAULT 'booked'
        CHECK (status IN ('booked', 'cancelled', 'completed', 'no_show'))
);
CREATE INDEX IF NOT EXISTS ix_appointments_starts_at ON appointments (starts_at);
CREATE TABLE IF NOT EXISTS reminders_sent (
    appointment_id INTEGER PRIMARY KEY REFERENCES appointments (id),
    channel TEXT NOT NULL,
    sent_at TEXT NOT NULL
);
"""


def connect(database: str | Path) -> sqlite3.Connection:
    """Open the database with foreign keys enforced and the schema in place."""
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.executescript(SCHEMA)
    return connection
