"""Correct in another style: a unique index on lower(email) enforces uniqueness, the
IntegrityError it raises becomes DuplicateEmailError, and each write runs in an explicit
transaction committed or rolled back by hand."""

import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

from users.domain import DuplicateEmailError, User, UserNotFoundError

_SCHEMA = """
    CREATE TABLE IF NOT EXISTS users (
        id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS users_email_ci ON users (lower(email));
"""

Result = TypeVar("Result")


class SqliteUserRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        connection.executescript(_SCHEMA)

    def add(self, email: str, name: str) -> User:
        def insert() -> User:
            cursor = self._connection.execute(
                "INSERT INTO users (email, name) VALUES (?, ?)", (email, name)
            )
            assert cursor.lastrowid is not None
            return User(cursor.lastrowid, email, name)

        return self._write(email, insert)

    def get(self, user_id: int) -> User:
        row = self._connection.execute(
            "SELECT id, email, name FROM users WHERE id = ?", (user_id,)
        ).fetchone()
        if row is None:
            raise UserNotFoundError(user_id)
        return _user(row)

    def find_by_email(self, email: str) -> User | None:
        row = self._connection.execute(
            "SELECT id, email, name FROM users WHERE lower(email) = lower(?)", (email,)
        ).fetchone()
        return None if row is None else _user(row)

    def update(self, user: User) -> None:
        def change() -> None:
            cursor = self._connection.execute(
                "UPDATE users SET email = ?, name = ? WHERE id = ?",
                (user.email, user.name, user.id),
            )
            if cursor.rowcount == 0:
                raise UserNotFoundError(user.id)

        self._write(user.email, change)

    def delete(self, user_id: int) -> None:
        def remove() -> None:
            cursor = self._connection.execute("DELETE FROM users WHERE id = ?", (user_id,))
            if cursor.rowcount == 0:
                raise UserNotFoundError(user_id)

        self._write("", remove)

    def _write(self, email: str, statements: Callable[[], Result]) -> Result:
        self._connection.execute("BEGIN")
        try:
            result = statements()
        except sqlite3.IntegrityError as error:
            self._connection.rollback()
            raise DuplicateEmailError(email) from error
        except BaseException:
            self._connection.rollback()
            raise
        self._connection.commit()
        return result


def _user(row: Any) -> User:
    return User(id=row[0], email=row[1], name=row[2])
