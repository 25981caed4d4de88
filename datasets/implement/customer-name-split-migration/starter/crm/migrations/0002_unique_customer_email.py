"""Emails were stored as typed; normalise them so the unique index can hold."""

import sqlite3


def upgrade(connection: sqlite3.Connection) -> None:
    connection.execute("UPDATE customers SET email = lower(trim(email))")
    connection.execute("CREATE UNIQUE INDEX customers_email ON customers (email)")
