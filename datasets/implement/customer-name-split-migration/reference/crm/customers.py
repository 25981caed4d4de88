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
    first_name: str
    last_name: str


def split_name(name: str) -> tuple[str, str]:
    """First word, then the remaining words joined by single spaces ("" when there are none)."""
    words = name.split()
    return (words[0], " ".join(words[1:])) if words else ("", "")


def add_customer(connection: sqlite3.Connection, name: str, email: str) -> Customer:
    first_name, last_name = split_name(name)
    cursor = connection.execute(
        "INSERT INTO customers (name, email, first_name, last_name) VALUES (?, ?, ?, ?)",
        (name, email.strip().lower(), first_name, last_name),
    )
    connection.commit()
    assert cursor.lastrowid is not None
    return get_customer(connection, cursor.lastrowid)


def get_customer(connection: sqlite3.Connection, customer_id: int) -> Customer:
    row = connection.execute(
        "SELECT id, name, email, first_name, last_name FROM customers WHERE id = ?",
        (customer_id,),
    ).fetchone()
    if row is None:
        raise CustomerNotFound(customer_id)
    customer_id, name, email, first_name, last_name = row
    if first_name is None:
        # Written by an old app server after the migration ran: it only knows `name`.
        first_name, last_name = split_name(name)
    return Customer(customer_id, name, email, first_name, last_name)
