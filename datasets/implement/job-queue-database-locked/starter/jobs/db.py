"""SQLite access for the job queue. The API and the worker are separate processes sharing one
database file, each with its own connection."""

import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    run_after REAL NOT NULL DEFAULT 0,
    worker_id TEXT,
    last_error TEXT
);
CREATE INDEX IF NOT EXISTS jobs_ready ON jobs (status, run_after, id);
"""


def connect(path: Path, busy_timeout: float = 5.0) -> sqlite3.Connection:
    """Opens the queue database; `busy_timeout` is how long a write waits for another
    connection's lock before failing with "database is locked"."""
    connection = sqlite3.connect(path, timeout=busy_timeout, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    connection.executescript(SCHEMA)
    return connection
