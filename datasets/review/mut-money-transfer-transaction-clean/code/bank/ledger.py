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
        # One transaction: any exception below rolls back every write made before it.
        with self._connection:
            self._debit(source_id, amount_cents)
            self._credit(target_id, amount_cents)
            transfer_id = self._record_transfer(source_id, target_id, amount_cents)
        return Transfer(transfer_id, source_id, target_id, from_cents(amount_cents))

    def _debit(self, account_id: str, amount_cents: int) -> None:
        # The balance check lives in the UPDATE itself, so a concurrent transfer cannot
        # spend the same money between a read and the write.
        cursor = self._connection.execute(
            "UPDATE accounts SET balance_cents = balance_cents - ?"
            " WHERE id = ? AND balance_cents >= ?",
            (amount_cents, account_id, amount_cents),
        )
        if cursor.rowcount == 0:
            raise self._explain_failed_debit(account_id, amount_cents)

    def _explain_failed_debit(
        self, account_id: str, amount_cents: int
    ) -> AccountNotFound | InsufficientFunds:
        try:
            balance = self.balance(account_id)
        except AccountNotFound as missing:
            return missing
        return InsufficientFunds(account_id, balance, from_cents(amount_cents))

    def _credit(self, account_id: str, amount_cents: int) -> None:
        cursor = self._connection.execute(
            "UPDATE accounts SET balance_cents = balance_cents + ? WHERE id = ?",
            (amount_cents, account_id),
        )
        if cursor.rowcount == 0:
            raise AccountNotFound(account_id)

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
