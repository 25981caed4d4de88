"""SQLite access: the schema and one short-lived connection per unit of work."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS practitioners (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    specialty TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS appointments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    practitioner_id INTEGER NOT NULL REFERENCES practitioners(id),
    patient_name TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled'))
);
CREATE INDEX IF NOT EXISTS appointments_by_practitioner
    ON appointments (practitioner_id, starts_at);
"""

# Files from releases before 1.5 have no status column; the default marks their rows booked.
STATUS_COLUMN_MIGRATION = (
    "ALTER TABLE appointments ADD COLUMN"
    " status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled'))"
)


class Database:
    """Opens connections to one SQLite file; each `unit_of_work` is one transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def initialise(self) -> None:
        """Create missing tables and bring files written by earlier releases up to date.

        Safe to run on every startup: each step only applies what the file still lacks.
        """
        with self.unit_of_work() as connection:
            connection.executescript(SCHEMA)
            _add_appointment_status(connection)

    @contextmanager
    def unit_of_work(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.path)
        connection.row_factory = sqlite3.Row
        try:
            # The connection's context manager commits on success and rolls back on error,
            # so a check and the write it guards land together or not at all.
            with connection:
                yield connection
        finally:
            connection.close()


def _add_appointment_status(connection: sqlite3.Connection) -> None:
    """Releases before 1.5 deleted cancelled appointments, so every row they left is booked."""
    columns = {row["name"] for row in connection.execute("PRAGMA table_info(appointments)")}
    if "status" not in columns:
        connection.execute(STATUS_COLUMN_MIGRATION)
