"""Inserting users."""

import sqlite3

from users.model import User
from users.rows import to_user
from users.writes import write_with_email


def insert_user(connection: sqlite3.Connection, email: str, name: str) -> User:
    with write_with_email(connection, email):
        row = connection.execute(
            "INSERT INTO users (email, name) VALUES (?, ?) RETURNING id, email, name",
            (email, name),
        ).fetchone()
    return to_user(row)
