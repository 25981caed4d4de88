import sqlite3
from dataclasses import dataclass
from decimal import Decimal

_SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    id TEXT PRIMARY KEY,
    balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0)
);
CREATE TABLE IF NOT EXISTS transfers (
    id INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL REFERENCES accounts (id),
    target_id TEXT NOT NULL REFERENCES accounts (id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0)
);
"""


@dataclass(frozen=True)
class Transfer:
    id: int
    source_id: str
    target_id: str
    amount: Decimal


class AccountNotFound(Exception):
    def __init__(self, account_id: str) -> None:
        super().__init__(f"no account {account_id!r}")
        self.account_id = account_id


class InvalidTransfer(Exception):
    pass


class InsufficientFunds(Exception):
    def __init__(self, account_id: str, balance: Decimal, amount: Decimal) -> None:
        super().__init__(f"account {account_id!r} holds {balance}, cannot transfer {amount}")
        self.account_id = account_id
        self.balance = balance
        self.amount = amount


def to_cents(amount: Decimal) -> int:
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise InvalidTransfer(f"amount {amount} has more than two decimal places")
    return int(cents)


def from_cents(cents: int) -> Decimal:
    return Decimal(cents) / 100


class Ledger:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._connection.executescript(_SCHEMA)

    def open_account(self, account_id: str, opening_balance: Decimal = Decimal("0.00")) -> None:
        with self._connection:
            self._connection.execute(
                "INSERT INTO accounts (id, balance_cents) VALUES (?, ?)",
                (account_id, to_cents(opening_balance)),
            )

    def balance(self, account_id: str) -> Decimal:
        row = self._connection.execute(
            "SELECT balance_cents FROM accounts WHERE id = ?", (account_id,)
        ).fetchone()
        if row is None:
            raise AccountNotFound(account_id)
        return from_cents(row[0])

    def transfers(self, account_id: str) -> list[Transfer]:
        rows = self._connection.execute(
            "SELECT id, source_id, target_id, amount_cents FROM transfers"
            " WHERE source_id = ? OR target_id = ? ORDER BY id",
            (account_id, account_id),
        ).fetchall()
        return [Transfer(row[0], row[1], row[2], from_cents(row[3])) for row in rows]

    def transfer(self, source_id: str, target_id: str, amount: Decimal) -> Transfer:
        amount_cents = _validated_amount_cents(source_id, target_id, amount)
        # Correct in another style: BEGIN IMMEDIATE takes the write lock before the balance is
        # read, so no other connection can commit between the read and the write.
        self._connection.execute("BEGIN IMMEDIATE")
        try:
            transfer_id = self._move(source_id, target_id, amount_cents)
        except BaseException:
            self._connection.rollback()
            raise
        self._connection.commit()
        return Transfer(transfer_id, source_id, target_id, from_cents(amount_cents))

    def _move(self, source_id: str, target_id: str, amount_cents: int) -> int:
        source_cents = self._balance_cents(source_id)
        self._balance_cents(target_id)
        if source_cents < amount_cents:
            raise InsufficientFunds(source_id, from_cents(source_cents), from_cents(amount_cents))
        self._connection.execute(
            "UPDATE accounts SET balance_cents = ? WHERE id = ?",
            (source_cents - amount_cents, source_id),
        )
        self._connection.execute(
            "UPDATE accounts SET balance_cents = balance_cents + ? WHERE id = ?",
            (amount_cents, target_id),
        )
        return self._record_transfer(source_id, target_id, amount_cents)

    def _balance_cents(self, account_id: str) -> int:
        row = self._connection.execute(
            "SELECT balance_cents FROM accounts WHERE id = ?", (account_id,)
        ).fetchone()
        if row is None:
            raise AccountNotFound(account_id)
        cents: int = row[0]
        return cents

    def _record_transfer(self, source_id: str, target_id: str, amount_cents: int) -> int:
        row = self._connection.execute(
            "INSERT INTO transfers (source_id, target_id, amount_cents) VALUES (?, ?, ?)"
            " RETURNING id",
            (source_id, target_id, amount_cents),
        ).fetchone()
        transfer_id: int = row[0]
        return transfer_id


def _validated_amount_cents(source_id: str, target_id: str, amount: Decimal) -> int:
    if source_id == target_id:
        raise InvalidTransfer(f"cannot transfer from account {source_id!r} to itself")
    amount_cents = to_cents(amount)
    if amount_cents <= 0:
        raise InvalidTransfer(f"transfer amount must be positive, got {amount}")
    return amount_cents
