"""Deleting users."""

import sqlite3

from users.errors import UserNotFoundError


def delete_user(connection: sqlite3.Connection, user_id: int) -> None:
    with connection:
        cursor = connection.execute("DELETE FROM users WHERE id = ?", (user_id,))
        if cursor.rowcount == 0:
            raise UserNotFoundError(user_id)
