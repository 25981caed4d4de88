import logging
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from users.domain import DuplicateEmailError, User, UserNotFoundError

logger = logging.getLogger(__name__)

_CREATE_TABLE = """
    CREATE TABLE IF NOT EXISTS users (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL
    )
"""
_DEFAULT_PAGE_SIZE = 100


def _to_user(row: Any) -> User:
    user_id, email, name = row
    return User(id=user_id, email=email, name=name)


def _to_dict(row: Any) -> dict[str, Any]:
    user_id, email, name = row
    return {"id": user_id, "email": email, "name": name}


class SqliteUserRepository:
    def __init__(self, connection: sqlite3.Connection, echo: bool = False) -> None:
        self._connection = connection
        self._echo = echo
        with connection:
            connection.execute(_CREATE_TABLE)

    def add(self, email: str, name: str) -> User:
        if self._echo:
            logger.info("adding user %r", email)
        with self._write_with_email(email):
            row = self._connection.execute(
                "INSERT INTO users (email, name) VALUES (?, ?) RETURNING id, email, name",
                (email, name),
            ).fetchone()
        return _to_user(row)

    def add_many(self, users: Iterable[tuple[str, str]]) -> list[User]:
        return [self.add(email, name) for email, name in users]

    def get(self, user_id: int) -> User:
        row = self._connection.execute(
            "SELECT id, email, name FROM users WHERE id = ?", (user_id,)
        ).fetchone()
        if row is None:
            raise UserNotFoundError(user_id)
        user_id, email, name = row
        return User(id=user_id, email=email, name=name)

    def find_by_email(self, email: str, case_sensitive: bool = False) -> User | None:
        # The column's NOCASE collation makes this comparison case-insensitive.
        query = "SELECT id, email, name FROM users WHERE email = ?"
        if case_sensitive:
            query += " COLLATE BINARY"
        row = self._connection.execute(query, (email,)).fetchone()
        if row is None:
            return None
        user_id, email, name = row
        return User(id=user_id, email=email, name=name)

    def list_users(self, limit: int = _DEFAULT_PAGE_SIZE, offset: int = 0) -> list[User]:
        rows = self._connection.execute(
            "SELECT id, email, name FROM users ORDER BY id LIMIT ? OFFSET ?", (limit, offset)
        ).fetchall()
        return [_to_user(row) for row in rows]

    def count(self) -> int:
        (total,) = self._connection.execute("SELECT COUNT(*) FROM users").fetchone()
        return int(total)

    def exists(self, user_id: int) -> bool:
        row = self._connection.execute("SELECT 1 FROM users WHERE id = ?", (user_id,)).fetchone()
        return row is not None

    def update(self, user: User) -> None:
        if self._echo:
            logger.info("updating user %r", user.id)
        try:
            with self._connection:
                cursor = self._connection.execute(
                    "UPDATE users SET email = ?, name = ? WHERE id = ?",
                    (user.email, user.name, user.id),
                )
                if cursor.rowcount == 0:
                    raise UserNotFoundError(user.id)
        except sqlite3.IntegrityError as error:
            raise DuplicateEmailError(user.email) from error

    def delete(self, user_id: int) -> None:
        if self._echo:
            logger.info("deleting user %r", user_id)
        with self._connection:
            cursor = self._connection.execute("DELETE FROM users WHERE id = ?", (user_id,))
            if cursor.rowcount == 0:
                raise UserNotFoundError(user_id)

    def _delete_all(self) -> None:
        with self._connection:
            self._connection.execute("DELETE FROM users")

    @contextmanager
    def _write_with_email(self, email: str) -> Iterator[None]:
        """Commit on success, roll back on error; the unique email index is the only
        constraint a well-typed write can violate, so IntegrityError means a duplicate."""
        try:
            with self._connection:
                yield
        except sqlite3.IntegrityError as error:
            raise DuplicateEmailError(email) from error
