"""The users table."""

import sqlite3

_CREATE_TABLE = """
    CREATE TABLE IF NOT EXISTS users (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL
    )
"""


def create_schema(connection: sqlite3.Connection) -> None:
    with connection:
        connection.execute(_CREATE_TABLE)
