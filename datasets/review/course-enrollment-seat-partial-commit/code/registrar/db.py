"""The registrar's database: a sqlite file per campus, opened in autocommit mode.

The connection runs with `isolation_level=None`, so a statement issued outside `unit_of_work()`
is committed as soon as it runs. Repositories never begin or commit transactions themselves:
a service that changes several rows as one step makes all of its repository calls inside one
`unit_of_work()`, which commits them together or rolls every one of them back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS students (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS sections (
    id INTEGER PRIMARY KEY,
    course_code TEXT NOT NULL,
    term TEXT NOT NULL,
    label TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity >= 0),
    seats_taken INTEGER NOT NULL DEFAULT 0 CHECK (seats_taken >= 0),
    UNIQUE (course_code, term, label)
);
CREATE TABLE IF NOT EXISTS enrollments (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students (id),
    section_id INTEGER NOT NULL REFERENCES sections (id),
    enrolled_at TEXT NOT NULL,
    UNIQUE (student_id, section_id)
);
CREATE TABLE IF NOT EXISTS waitlist (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    student_id INTEGER NOT NULL REFERENCES students (id),
    section_id INTEGER NOT NULL REFERENCES sections (id),
    joined_at TEXT NOT NULL,
    UNIQUE (student_id, section_id)
);
"""

Params = Sequence[object]


class Database:
    def __init__(self, connection: sqlite3.Connection) -> None:
        if connection.isolation_level is not None:
            raise ValueError("the registrar database needs an autocommit connection")
        self._connection = connection

    @classmethod
    def open(cls, path: Path | str) -> Database:
        connection = sqlite3.connect(path, isolation_level=None)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA foreign_keys = ON")
        return cls(connection)

    def create_schema(self) -> None:
        for statement in SCHEMA.split(";"):
            if statement.strip():
                self._connection.execute(statement)

    def close(self) -> None:
        self._connection.close()

    @contextmanager
    def unit_of_work(self) -> Iterator[None]:
        """Run the enclosed repository calls as one transaction.

        A unit of work opened inside another one joins it: only the outermost commits.
        """
        if self._connection.in_transaction:
            yield
            return
        self._connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._connection.rollback()
            raise
        self._connection.commit()

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        return self._connection.execute(sql, params)

    def fetch_one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self._connection.execute(sql, params).fetchone()
        return row

    def fetch_all(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        return list(self._connection.execute(sql, params).fetchall())
