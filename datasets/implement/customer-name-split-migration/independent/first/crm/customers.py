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
    """(first name, last name): the first word, and the remaining words joined by single spaces.

    Extra whitespace anywhere is ignored; a one-word name has last name "", a blank name gives
    "" for both. Migration 0003 fills existing rows the same way.
    """
    words = name.split()
    if not words:
        return "", ""
    return words[0], " ".join(words[1:])


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
    id_, name, email, first_name, last_name = row
    # Old app servers still insert rows with only `name` and `email` during the rollout.
    if first_name is None or last_name is None:
        split_first, split_last = split_name(name)
        if first_name is None:
            first_name = split_first
        if last_name is None:
            last_name = split_last
    return Customer(id_, name, email, first_name, last_name)
