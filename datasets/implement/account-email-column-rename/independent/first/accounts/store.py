"""Account reads and writes used by the API servers.

Reads come from `email` only. During the expand/contract rename of `mail` to `email`, writes
still set `mail` as well (it is NOT NULL, and old servers read it); the contract step removes
`mail` from the two writes below.
"""

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
                "INSERT INTO accounts (username, email, mail) VALUES (?, ?, ?)",
                (username, email, email),
            )
    except sqlite3.IntegrityError as error:
        raise EmailTaken(email) from error
    assert cursor.lastrowid is not None
    return get_account(connection, cursor.lastrowid)


def get_account(connection: sqlite3.Connection, account_id: int) -> Account:
    row = connection.execute(
        "SELECT id, username, email FROM accounts WHERE id = ?", (account_id,)
    ).fetchone()
    if row is None:
        raise AccountNotFound(account_id)
    return Account(*row)


def find_by_email(connection: sqlite3.Connection, email: str) -> Account | None:
    row = connection.execute(
        "SELECT id, username, email FROM accounts WHERE email = ?", (email,)
    ).fetchone()
    return None if row is None else Account(*row)


def change_email(connection: sqlite3.Connection, account_id: int, email: str) -> None:
    try:
        with connection:
            cursor = connection.execute(
                "UPDATE accounts SET email = ?, mail = ? WHERE id = ?", (email, email, account_id)
            )
    except sqlite3.IntegrityError as error:
        raise EmailTaken(email) from error
    if cursor.rowcount == 0:
        raise AccountNotFound(account_id)
