"""Customer repository backed by SQLite."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Customer:
    id: int
    account_id: int
    name: str
    email: str


SCHEMA = """
CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE
)
"""


class CustomerRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._connection.execute(SCHEMA)

    def add(self, account_id: int, name: str, email: str) -> Customer:
        cursor = self._connection.execute(
            "INSERT INTO customers (account_id, name, email) VALUES (?, ?, ?)",
            (account_id, name, email),
        )
        self._connection.commit()
        return Customer(int(cursor.lastrowid or 0), account_id, name, email)

    def get(self, account_id: int, customer_id: int) -> Customer | None:
        row = self._connection.execute(
            "SELECT id, account_id, name, email FROM customers WHERE account_id = ? AND id = ?",
            (account_id, customer_id),
        ).fetchone()
        return Customer(*row) if row else None

    def search(self, account_id: int, name_fragment: str, limit: int = 20) -> list[Customer]:
        """Customers of one account whose name contains the fragment, alphabetically."""
        query = (
            "SELECT id, account_id, name, email FROM customers "
            "WHERE account_id = ? AND name LIKE '%' || ? || '%' "
            "ORDER BY name LIMIT ?"
        )
        rows = self._connection.execute(query, (account_id, name_fragment, limit)).fetchall()
        return [Customer(*row) for row in rows]
