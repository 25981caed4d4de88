"""Reading users."""

import sqlite3
from typing import Any


def select_by_id(connection: sqlite3.Connection, user_id: int) -> Any:
    return connection.execute(
        "SELECT id, email, name FROM users WHERE id = ?", (user_id,)
    ).fetchone()


def select_by_email(connection: sqlite3.Connection, email: str) -> Any:
    # The column's NOCASE collation makes this comparison case-insensitive.
    return connection.execute(
        "SELECT id, email, name FROM users WHERE email = ?", (email,)
    ).fetchone()
