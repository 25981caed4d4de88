import sqlite3
from typing import Any

from users.domain import DuplicateEmailError, User, UserNotFoundError


class SqliteUserRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._run("create")

    def add(self, email: str, name: str) -> User:
        user = self._run("add", email=email, name=name)
        assert user is not None
        return user

    def get(self, user_id: int) -> User:
        user = self._run("get", user_id=user_id)
        assert user is not None
        return user

    def find_by_email(self, email: str) -> User | None:
        return self._run("find", email=email)

    def update(self, user: User) -> None:
        self._run("update", user_id=user.id, email=user.email, name=user.name)

    def delete(self, user_id: int) -> None:
        self._run("delete", user_id=user_id)

    def _run(
        self, operation: str, user_id: int = 0, email: str = "", name: str = ""
    ) -> User | None:
        """All SQL lives here: one place to see every statement the repository sends."""
        row: Any = None
        try:
            # The connection as a context manager commits on success and rolls back on error.
            with self._connection:
                if operation == "create":
                    self._connection.execute(
                        "CREATE TABLE IF NOT EXISTS users ("
                        " id INTEGER PRIMARY KEY,"
                        " email TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                        " name TEXT NOT NULL)"
                    )
                elif operation == "add":
                    row = self._connection.execute(
                        "INSERT INTO users (email, name) VALUES (?, ?) RETURNING id, email, name",
                        (email, name),
                    ).fetchone()
                elif operation == "get":
                    row = self._connection.execute(
                        "SELECT id, email, name FROM users WHERE id = ?", (user_id,)
                    ).fetchone()
                    if row is None:
                        raise UserNotFoundError(user_id)
                elif operation == "find":
                    # The column's NOCASE collation makes this comparison case-insensitive.
                    row = self._connection.execute(
                        "SELECT id, email, name FROM users WHERE email = ?", (email,)
                    ).fetchone()
                elif operation == "update":
                    cursor = self._connection.execute(
                        "UPDATE users SET email = ?, name = ? WHERE id = ?",
                        (email, name, user_id),
                    )
                    if cursor.rowcount == 0:
                        raise UserNotFoundError(user_id)
                elif operation == "delete":
                    cursor = self._connection.execute("DELETE FROM users WHERE id = ?", (user_id,))
                    if cursor.rowcount == 0:
                        raise UserNotFoundError(user_id)
                else:
                    raise ValueError(f"unknown operation {operation!r}")
        except sqlite3.IntegrityError as error:
            # The unique email index is the only constraint a well-typed write can violate.
            raise DuplicateEmailError(email) from error
        if row is None:
            return None
        return User(id=row[0], email=row[1], name=row[2])
