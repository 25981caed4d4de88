"""SQLite storage for users; one short-lived connection per operation."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from userapi.errors import EmailTaken, UserNotFound
from userapi.models import Credentials, User

_USER_COLUMNS = "id, email, name, active, created_at, last_login_at"


class UserRepository:
    def __init__(self, db_path: str | Path) -> None:
        self._db_path = db_path

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self._db_path)
        try:
            with conn:  # commits on success, rolls back on an exception
                yield conn
        finally:
            conn.close()

    def create_schema(self) -> None:
        with self._transaction() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS users ("
                "id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, "
                "name TEXT NOT NULL, password_hash TEXT NOT NULL, "
                "active INTEGER NOT NULL DEFAULT 1, "
                "failed_logins INTEGER NOT NULL DEFAULT 0, locked_until TEXT, "
                "created_at TEXT NOT NULL, last_login_at TEXT)"
            )

    def add(self, email: str, name: str, password_hash: str, created_at: str) -> User:
        try:
            with self._transaction() as conn:
                cursor = conn.execute(
                    "INSERT INTO users (email, name, password_hash, created_at) "
                    "VALUES (?, ?, ?, ?)",
                    (email, name, password_hash, created_at),
                )
        except sqlite3.IntegrityError as error:
            raise EmailTaken() from error
        assert cursor.lastrowid is not None  # sqlite always sets it after an INSERT
        return User(cursor.lastrowid, email, name, True, created_at, None)

    def get(self, user_id: int) -> User:
        with self._transaction() as conn:
            row = conn.execute(
                f"SELECT {_USER_COLUMNS} FROM users WHERE id = ?", (user_id,)
            ).fetchone()
        if row is None:
            raise UserNotFound(user_id)
        return _to_user(row)

    def list(self, active: bool | None, limit: int, offset: int) -> list[User]:
        where, params = ("", ()) if active is None else ("WHERE active = ?", (int(active),))
        with self._transaction() as conn:
            rows = conn.execute(
                f"SELECT {_USER_COLUMNS} FROM users {where} ORDER BY id LIMIT ? OFFSET ?",
                (*params, limit, offset),
            ).fetchall()
        return [_to_user(row) for row in rows]

    def update(self, user_id: int, changes: dict[str, str]) -> None:
        # Column names come from validation.UPDATABLE_FIELDS, never from the client.
        assignments = ", ".join(f"{column} = ?" for column in changes)
        try:
            with self._transaction() as conn:
                cursor = conn.execute(
                    f"UPDATE users SET {assignments} WHERE id = ?", (*changes.values(), user_id)
                )
        except sqlite3.IntegrityError as error:
            raise EmailTaken() from error
        if cursor.rowcount == 0:
            raise UserNotFound(user_id)

    def deactivate(self, user_id: int) -> None:
        with self._transaction() as conn:
            conn.execute("UPDATE users SET active = 0 WHERE id = ?", (user_id,))

    def delete(self, user_id: int) -> None:
        with self._transaction() as conn:
            cursor = conn.execute("DELETE FROM users WHERE id = ?", (user_id,))
        if cursor.rowcount == 0:
            raise UserNotFound(user_id)

    def find_credentials(self, email: str) -> Credentials | None:
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT id, password_hash, active, failed_logins, locked_until FROM users "
                "WHERE email = ?",
                (email,),
            ).fetchone()
        if row is None:
            return None
        user_id, password_hash, active, failed_logins, locked_until = row
        return Credentials(user_id, password_hash, bool(active), failed_logins, locked_until)

    def set_login_failures(
        self, user_id: int, failed_logins: int, locked_until: str | None
    ) -> None:
        with self._transaction() as conn:
            conn.execute(
                "UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?",
                (failed_logins, locked_until, user_id),
            )

    def record_login(self, user_id: int, logged_in_at: str) -> None:
        with self._transaction() as conn:
            conn.execute(
                "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ? "
                "WHERE id = ?",
                (logged_in_at, user_id),
            )


def _to_user(row: tuple[int, str, str, int, str, str | None]) -> User:
    user_id, email, name, active, created_at, last_login_at = row
    return User(user_id, email, name, bool(active), created_at, last_login_at)
