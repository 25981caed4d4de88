"""The user repository over the standard sqlite3 module.

Each write runs in `with connection:`, which commits on success and rolls back on any error,
so no failed write leaves a transaction open. Email uniqueness ignoring case is the table's
constraint (COLLATE NOCASE), enforced by the database rather than checked first (no race).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from users.domain import DuplicateEmailError, User, UserNotFoundError

CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL
)
"""


class SqliteUserRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        with self._connection:
            self._connection.execute(CREATE_TABLE)

    def add(self, email: str, name: str) -> User:
        with self._writing(email):
            cursor = self._connection.execute(
                "INSERT INTO users (email, name) VALUES (?, ?)", (email, name)
            )
        assert cursor.lastrowid is not None  # an INSERT into a rowid table always sets it
        return User(cursor.lastrowid, email, name)

    def get(self, user_id: int) -> User:
        row = self._connection.execute(
            "SELECT id, email, name FROM users WHERE id = ?", (user_id,)
        ).fetchone()
        if row is None:
            raise UserNotFoundError(user_id)
        return User(*row)

    def find_by_email(self, email: str) -> User | None:
        row = self._connection.execute(
            "SELECT id, email, name FROM users WHERE email = ?", (email,)
        ).fetchone()
        return None if row is None else User(*row)

    def update(self, user: User) -> None:
        with self._writing(user.email):
            cursor = self._connection.execute(
                "UPDATE users SET email = ?, name = ? WHERE id = ?", (user.email, user.name, user.id)
            )
            if cursor.rowcount == 0:
                raise UserNotFoundError(user.id)

    def delete(self, user_id: int) -> None:
        with self._connection:
            cursor = self._connection.execute("DELETE FROM users WHERE id = ?", (user_id,))
            if cursor.rowcount == 0:
                raise UserNotFoundError(user_id)

    @contextmanager
    def _writing(self, email: str) -> Iterator[None]:
        """A committed write whose unique-email violation surfaces as the domain error."""
        try:
            with self._connection:
                yield
        except sqlite3.IntegrityError as error:
            raise DuplicateEmailError(email) from error
