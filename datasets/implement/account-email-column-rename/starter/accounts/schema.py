"""The accounts table. New installs (dev, CI) get it from create_schema."""

import sqlite3


def create_schema(connection: sqlite3.Connection) -> None:
    connection.execute(
        "CREATE TABLE IF NOT EXISTS accounts ("
        " id INTEGER PRIMARY KEY,"
        " username TEXT NOT NULL,"
        " mail TEXT NOT NULL UNIQUE)"
    )
    connection.commit()
