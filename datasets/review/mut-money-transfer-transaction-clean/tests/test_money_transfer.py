import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from bank.ledger import (
    AccountNotFound,
    InsufficientFunds,
    InvalidTransfer,
    Ledger,
    Transfer,
)


class SimulatedOutage(Exception):
    pass


def explode() -> None:
    raise SimulatedOutage("disk on fire")


@pytest.fixture
def connection() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    yield connection
    connection.close()


@pytest.fixture
def ledger(connection: sqlite3.Connection) -> Ledger:
    ledger = Ledger(connection)
    ledger.open_account("alice", Decimal("100.00"))
    ledger.open_account("bob", Decimal("20.00"))
    return ledger


def snapshot(ledger: Ledger) -> tuple[Decimal, Decimal, list[Transfer], list[Transfer]]:
    return (
        ledger.balance("alice"),
        ledger.balance("bob"),
        ledger.transfers("alice"),
        ledger.transfers("bob"),
    )


def fail_database_when(connection: sqlite3.Connection, trigger_sql: str) -> None:
    """Installs a trigger whose body calls a Python function that raises, so sqlite3
    surfaces an OperationalError in the middle of the transfer."""
    connection.create_function("explode", 0, explode)
    connection.execute(trigger_sql)
    connection.commit()


def test_transfer_moves_money_and_records_it(ledger: Ledger) -> None:
    recorded = ledger.transfer("alice", "bob", Decimal("30.25"))

    assert (recorded.source_id, recorded.target_id, recorded.amount) == (
        "alice",
        "bob",
        Decimal("30.25"),
    )
    assert ledger.balance("alice") == Decimal("69.75")
    assert ledger.balance("bob") == Decimal("50.25")
    assert ledger.transfers("alice") == [recorded]
    assert ledger.transfers("bob") == [recorded]


def test_each_transfer_gets_its_own_id(ledger: Ledger) -> None:
    first = ledger.transfer("alice", "bob", Decimal("1.00"))
    second = ledger.transfer("bob", "alice", Decimal("2.50"))

    assert first.id != second.id
    assert ledger.transfers("bob") == [first, second]
    assert ledger.balance("alice") == Decimal("101.50")


def test_account_can_be_emptied_exactly(ledger: Ledger) -> None:
    ledger.transfer("bob", "alice", Decimal("20.00"))

    assert ledger.balance("bob") == Decimal("0.00")
    assert ledger.balance("alice") == Decimal("120.00")


def test_insufficient_funds_changes_nothing(
    ledger: Ledger, connection: sqlite3.Connection
) -> None:
    ledger.transfer("bob", "alice", Decimal("5.00"))
    before = snapshot(ledger)

    with pytest.raises(InsufficientFunds) as raised:
        ledger.transfer("bob", "alice", Decimal("15.01"))

    error = raised.value
    assert (error.account_id, error.balance, error.amount) == (
        "bob",
        Decimal("15.00"),
        Decimal("15.01"),
    )
    assert snapshot(ledger) == before
    assert not connection.in_transaction


def test_unknown_target_leaves_source_untouched(
    ledger: Ledger, connection: sqlite3.Connection
) -> None:
    before = snapshot(ledger)

    with pytest.raises(AccountNotFound) as raised:
        ledger.transfer("alice", "ghost", Decimal("10.00"))

    assert raised.value.account_id == "ghost"
    assert snapshot(ledger) == before
    assert ledger.transfers("ghost") == []
    assert not connection.in_transaction


def test_unknown_source_leaves_target_untouched(
    ledger: Ledger, connection: sqlite3.Connection
) -> None:
    before = snapshot(ledger)

    with pytest.raises(AccountNotFound) as raised:
        ledger.transfer("ghost", "bob", Decimal("10.00"))

    assert raised.value.account_id == "ghost"
    assert snapshot(ledger) == before
    assert not connection.in_transaction


@pytest.mark.parametrize("amount", ["0", "0.00", "-5.00", "0.001", "10.005"])
def test_invalid_amount_is_rejected(ledger: Ledger, amount: str) -> None:
    before = snapshot(ledger)

    with pytest.raises(InvalidTransfer):
        ledger.transfer("alice", "bob", Decimal(amount))

    assert snapshot(ledger) == before


def test_transfer_to_same_account_is_rejected(ledger: Ledger) -> None:
    with pytest.raises(InvalidTransfer):
        ledger.transfer("alice", "alice", Decimal("1.00"))

    assert ledger.transfers("alice") == []


def test_database_failure_on_credit_rolls_back_everything(
    ledger: Ledger, connection: sqlite3.Connection
) -> None:
    fail_database_when(
        connection,
        "CREATE TRIGGER credit_bob_fails BEFORE UPDATE ON accounts"
        " WHEN NEW.id = 'bob' BEGIN SELECT explode(); END",
    )
    before = snapshot(ledger)

    with pytest.raises(sqlite3.OperationalError):
        ledger.transfer("alice", "bob", Decimal("10.00"))

    assert snapshot(ledger) == before
    assert not connection.in_transaction


def test_database_failure_on_debit_rolls_back_everything(
    ledger: Ledger, connection: sqlite3.Connection
) -> None:
    fail_database_when(
        connection,
        "CREATE TRIGGER debit_alice_fails BEFORE UPDATE ON accounts"
        " WHEN NEW.id = 'alice' BEGIN SELECT explode(); END",
    )
    before = snapshot(ledger)

    with pytest.raises(sqlite3.OperationalError):
        ledger.transfer("alice", "bob", Decimal("10.00"))

    assert snapshot(ledger) == before
    assert not connection.in_transaction


def test_database_failure_on_recording_rolls_back_balances(
    ledger: Ledger, connection: sqlite3.Connection
) -> None:
    fail_database_when(
        connection,
        "CREATE TRIGGER recording_fails BEFORE INSERT ON transfers"
        " BEGIN SELECT explode(); END",
    )
    before = snapshot(ledger)

    with pytest.raises(sqlite3.OperationalError):
        ledger.transfer("alice", "bob", Decimal("10.00"))

    assert snapshot(ledger) == before
    assert not connection.in_transaction


def test_ledger_keeps_working_after_failures(ledger: Ledger) -> None:
    with pytest.raises(InsufficientFunds):
        ledger.transfer("bob", "alice", Decimal("500.00"))
    with pytest.raises(AccountNotFound):
        ledger.transfer("alice", "ghost", Decimal("1.00"))

    ledger.transfer("alice", "bob", Decimal("0.01"))

    assert ledger.balance("alice") == Decimal("99.99")
    assert ledger.balance("bob") == Decimal("20.01")


def test_successful_transfer_is_committed(tmp_path: Path) -> None:
    database = tmp_path / "bank.db"
    writer_connection = sqlite3.connect(database)
    reader_connection = sqlite3.connect(database)
    try:
        writer = Ledger(writer_connection)
        writer.open_account("alice", Decimal("10.00"))
        writer.open_account("bob")
        recorded = writer.transfer("alice", "bob", Decimal("4.00"))
        reader = Ledger(reader_connection)

        assert reader.balance("alice") == Decimal("6.00")
        assert reader.balance("bob") == Decimal("4.00")
        assert reader.transfers("bob") == [recorded]
        assert not writer_connection.in_transaction
    finally:
        writer_connection.close()
        reader_connection.close()
