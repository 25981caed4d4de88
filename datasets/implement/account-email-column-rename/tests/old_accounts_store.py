"""A frozen copy of accounts/store.py as the running (old) API servers have it (pre-rename)."""

import sqlite3
from dataclasses import dataclass


class AccountNotFound(Exception):
    def __init__(self, account_id: int) -> None:
        super().__init__(f"no account {account_id}")
        self.account_id = account_id


class EmailTaken(Exception):
    def __init__(self, email: str) -> None:
        super().__init__(f"{email} is already used by another account")
        self.email = email


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    email: str


def create_account(connection: sqlite3.Connection, username: str, email: str) -> Account:
    try:
        with connection:
            cursor = connection.execute(
                "INSERT INTO accounts (username, mail) VALUES (?, ?)", (username, email)
            )
    except sqlite3.IntegrityError as error:
        raise EmailTaken(email) from error
    assert cursor.lastrowid is not None
    return Account(cursor.lastrowid, username, email)


def get_account(connection: sqlite3.Connection, account_id: int) -> Account:
    row = connection.execute(
        "SELECT id, username, mail FROM accounts WHERE id = ?", (account_id,)
    ).fetchone()
    if row is None:
        raise AccountNotFound(account_id)
    return Account(*row)


def find_by_email(connection: sqlite3.Connection, email: str) -> Account | None:
    row = connection.execute(
        "SELECT id, username, mail FROM accounts WHERE mail = ?", (email,)
    ).fetchone()
    return None if row is None else Account(*row)


def change_email(connection: sqlite3.Connection, account_id: int, email: str) -> None:
    try:
        with connection:
            cursor = connection.execute(
                "UPDATE accounts SET mail = ? WHERE id = ?", (email, account_id)
            )
    except sqlite3.IntegrityError as error:
        raise EmailTaken(email) from error
    if cursor.rowcount == 0:
        raise AccountNotFound(account_id)


def create_v1_schema(connection: sqlite3.Connection) -> None:
    """The schema every production database has today (the old create_schema)."""
    connection.execute(
        "CREATE TABLE IF NOT EXISTS accounts ("
        " id INTEGER PRIMARY KEY,"
        " username TEXT NOT NULL,"
        " mail TEXT NOT NULL UNIQUE)"
    )
    connection.commit()
