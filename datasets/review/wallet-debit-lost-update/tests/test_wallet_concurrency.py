from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from wallet.models import Account, Base, LedgerEntry
from wallet.service import InsufficientFunds, WalletService


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_engine(f"sqlite:///{tmp_path / 'wallet.db'}")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(Account(id=1, owner="ada", balance_cents=10_000))
        session.commit()
    yield engine
    engine.dispose()


@pytest.fixture
def service(engine: Engine) -> WalletService:
    return WalletService(sessionmaker(engine))


def run_before_first_write(engine: Engine, competing: Any) -> None:
    """Run `competing` once, just before the first UPDATE reaches the database.

    This reproduces two requests interleaving: the competing debit commits while the
    first one is between reading the account and writing it.
    """
    fired = False

    def before_execute(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        nonlocal fired
        if not fired and statement.lstrip().upper().startswith("UPDATE"):
            fired = True
            competing()

    event.listen(engine, "before_cursor_execute", before_execute)


def test_sequential_debits(service: WalletService) -> None:
    assert service.debit(1, 3_000, "order-1") == 7_000
    assert service.debit(1, 2_000, "order-2") == 5_000
    with pytest.raises(InsufficientFunds):
        service.debit(1, 6_000, "order-3")
    assert service.balance(1) == 5_000


def test_concurrent_debits_are_both_applied(engine: Engine, service: WalletService) -> None:
    run_before_first_write(engine, lambda: service.debit(1, 3_000, "order-b"))
    service.debit(1, 5_000, "order-a")
    assert service.balance(1) == 2_000
    with Session(engine) as session:
        ledger_total = sum(session.scalars(select(LedgerEntry.amount_cents)))
    assert 10_000 + ledger_total == service.balance(1)


def test_concurrent_debits_cannot_overdraw(engine: Engine, service: WalletService) -> None:
    run_before_first_write(engine, lambda: service.debit(1, 7_000, "order-b"))
    with pytest.raises(InsufficientFunds):
        service.debit(1, 7_000, "order-a")
    assert service.balance(1) == 3_000
