import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from users.domain import DuplicateEmailError, User, UserNotFoundError

_CREATE_TABLE = """
    CREATE TABLE IF NOT EXISTS users (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL
    )
"""


def _to_user(row: Any) -> User:
    user_id, email, name = row
    return User(id=user_id, email=email, name=name)


class SqliteUserRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        with connection:
            connection.execute(_CREATE_TABLE)

    def add(self, email: str, name: str) -> User:
        with self._write_with_email(email):
            row = self._connection.execute(
                "INSERT INTO users (email, name) VALUES (?, ?) RETURNING id, email, name",
                (email, name),
            ).fetchone()
        return _to_user(row)

    def get(self, user_id: int) -> User:
        row = self._connection.execute(
            "SELECT id, email, name FROM users WHERE id = ?", (user_id,)
        ).fetchone()
        if row is None:
            raise UserNotFoundError(user_id)
        return _to_user(row)

    def find_by_email(self, email: str) -> User | None:
        # The column's NOCASE collation makes this comparison case-insensitive.
        row = self._connection.execute(
            "SELECT id, email, name FROM users WHERE email = ?", (email,)
        ).fetchone()
        return None if row is None else _to_user(row)

    def update(self, user: User) -> None:
        with self._write_with_email(user.email):
            cursor = self._connection.execute(
                "UPDATE users SET email = ?, name = ? WHERE id = ?",
                (user.email, user.name, user.id),
            )
            if cursor.rowcount == 0:
                raise UserNotFoundError(user.id)

    def delete(self, user_id: int) -> None:
        with self._connection:
            cursor = self._connection.execute("DELETE FROM users WHERE id = ?", (user_id,))
            if cursor.rowcount == 0:
                raise UserNotFoundError(user_id)

    @contextmanager
    def _write_with_email(self, email: str) -> Iterator[None]:
        """Commit on success, roll back on error; the unique email index is the only
        constraint a well-typed write can violate, so IntegrityError means a duplicate."""
        try:
            with self._connection:
                yield
        except sqlite3.IntegrityError as error:
            raise DuplicateEmailError(email) from error
