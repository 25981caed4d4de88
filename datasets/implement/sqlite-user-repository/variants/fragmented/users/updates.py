"""Updating users."""

import sqlite3

from users.errors import UserNotFoundError
from users.model import User
from users.writes import write_with_email


def update_user(connection: sqlite3.Connection, user: User) -> None:
    with write_with_email(connection, user.email):
        cursor = connection.execute(
            "UPDATE users SET email = ?, name = ? WHERE id = ?",
            (user.email, user.name, user.id),
        )
        if cursor.rowcount == 0:
            raise UserNotFoundError(user.id)
