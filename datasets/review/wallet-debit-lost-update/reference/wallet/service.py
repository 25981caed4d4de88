"""Prepaid wallet: customers top up a balance and purchases are debited from it."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from wallet.models import Account, LedgerEntry


class WalletError(Exception):
    pass


class InsufficientFunds(WalletError):
    pass


class AccountNotFound(WalletError):
    pass


class WalletService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def balance(self, account_id: int) -> int:
        with self._session_factory() as session:
            return self._load(session, account_id).balance_cents

    def top_up(self, account_id: int, amount_cents: int, reference: str) -> int:
        return self._apply(account_id, amount_cents, reference)

    def debit(self, account_id: int, amount_cents: int, reference: str) -> int:
        """Take amount_cents from the wallet; returns the new balance."""
        return self._apply(account_id, -amount_cents, reference)

    def _apply(self, account_id: int, delta_cents: int, reference: str) -> int:
        if delta_cents == 0:
            raise WalletError("amount must be non-zero")
        with self._session_factory.begin() as session:
            new_balance = session.execute(
                update(Account)
                .where(Account.id == account_id, Account.balance_cents + delta_cents >= 0)
                .values(balance_cents=Account.balance_cents + delta_cents)
                .returning(Account.balance_cents)
            ).scalar_one_or_none()
            if new_balance is None:
                account = self._load(session, account_id)
                raise InsufficientFunds(
                    f"account {account_id} has {account.balance_cents} cents, needs {-delta_cents}"
                )
            session.add(LedgerEntry(account_id=account_id, amount_cents=delta_cents,
                                    reference=reference))
            return int(new_balance)

    @staticmethod
    def _load(session: Session, account_id: int) -> Account:
        account = session.get(Account, account_id)
        if account is None:
            raise AccountNotFound(f"no account {account_id}")
        return account
