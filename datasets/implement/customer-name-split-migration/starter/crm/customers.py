"""Customer records, read and written by every app server."""

import sqlite3
from dataclasses import dataclass


class CustomerNotFound(Exception):
    def __init__(self, customer_id: int) -> None:
        super().__init__(f"no customer {customer_id}")
        self.customer_id = customer_id


@dataclass(frozen=True)
class Customer:
    id: int
    name: str
    email: str


def add_customer(connection: sqlite3.Connection, name: str, email: str) -> Customer:
    cursor = connection.execute(
        "INSERT INTO customers (name, email) VALUES (?, ?)", (name, email.strip().lower())
    )
    connection.commit()
    assert cursor.lastrowid is not None
    return get_customer(connection, cursor.lastrowid)


def get_customer(connection: sqlite3.Connection, customer_id: int) -> Customer:
    row = connection.execute(
        "SELECT id, name, email FROM customers WHERE id = ?", (customer_id,)
    ).fetchone()
    if row is None:
        raise CustomerNotFound(customer_id)
    return Customer(*row)
