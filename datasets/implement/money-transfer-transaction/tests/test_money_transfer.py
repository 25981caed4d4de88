import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
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


# --- Races: a second app server commits a competing transfer at the worst moment. ---------
#
# The competitor runs inside the trace callback of the ledger's connection, just before the
# ledger's n-th SQL statement starts, for every n. This is deterministic (no threads, no
# sleeps) and does not depend on which SQL a solution issues. A competitor that finds the
# database locked by the ledger's transaction simply loses, as it would in production.

OPENING = {"alice": 10_000, "bob": 2_000, "carol": 0}  # cents
OUR_AMOUNT, THEIR_AMOUNT = 6_000, 7_000  # together more than alice holds


class CompetingServer:
    """Moves THEIR_AMOUNT from alice to carol through its own connection, never waiting."""

    def __init__(self, database: Path) -> None:
        self.connection = sqlite3.connect(database, timeout=0, isolation_level=None)
        self.connection.execute("PRAGMA synchronous = OFF")
        self.committed: bool | None = None  # None: has not run yet

    def transfer(self) -> None:
        try:
            self.committed = self._try_transfer()
        except sqlite3.OperationalError:  # the ledger's transaction holds the database
            self.committed = False
        if self.connection.in_transaction:
            self.connection.execute("ROLLBACK")

    def _try_transfer(self) -> bool:
        execute = self.connection.execute
        execute("BEGIN IMMEDIATE")
        debited = execute(
            "UPDATE accounts SET balance_cents = balance_cents - ?"
            " WHERE id = 'alice' AND balance_cents >= ?",
            (THEIR_AMOUNT, THEIR_AMOUNT),
        ).rowcount
        if debited != 1:
            return False
        execute(
            "UPDATE accounts SET balance_cents = balance_cents + ? WHERE id = 'carol'",
            (THEIR_AMOUNT,),
        )
        execute(
            "INSERT INTO transfers (source_id, target_id, amount_cents)"
            " VALUES ('alice', 'carol', ?)",
            (THEIR_AMOUNT,),
        )
        execute("COMMIT")
        return True


class BeforeStatement:
    """A trace callback that calls `action` once, just before the `number`-th statement."""

    def __init__(self, number: int, action: Callable[[], None]) -> None:
        self.number, self.action = number, action
        self.statements: list[str] = []

    def __call__(self, sql: str) -> None:
        self.statements.append(sql)
        if len(self.statements) == self.number:
            self.action()

    @property
    def fired(self) -> bool:
        return len(self.statements) >= self.number


@dataclass
class RaceOutcome:
    ours: Transfer | Exception
    theirs_committed: bool
    balances: dict[str, int]
    transfer_rows: int
    left_in_transaction: bool
    statements: list[str]


def race(database: Path, competitor_before_statement: int) -> RaceOutcome:
    """Our transfer of 60.00 alice -> bob, with the competitor's 70.00 at the given moment."""
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA synchronous = OFF")  # speed only: no fsync per commit
    competitor = CompetingServer(database)
    try:
        ledger = Ledger(connection)
        for account, cents in OPENING.items():
            ledger.open_account(account, Decimal(cents) / 100)
        hook = BeforeStatement(competitor_before_statement, competitor.transfer)
        connection.set_trace_callback(hook)
        try:
            ours: Transfer | Exception = ledger.transfer("alice", "bob", Decimal(OUR_AMOUNT) / 100)
        except (InsufficientFunds, sqlite3.OperationalError) as error:
            ours = error
        finally:
            connection.set_trace_callback(None)
        if not hook.fired:
            competitor.transfer()
        left_in_transaction = connection.in_transaction
    finally:
        connection.close()
        competitor.connection.close()
    with sqlite3.connect(database) as reader:
        balances = dict(reader.execute("SELECT id, balance_cents FROM accounts").fetchall())
        (rows,) = reader.execute("SELECT COUNT(*) FROM transfers").fetchone()
    reader.close()
    assert competitor.committed is not None, "the competing transfer never ran"
    return RaceOutcome(
        ours, competitor.committed, balances, rows, left_in_transaction, hook.statements
    )


def assert_serialised(outcome: RaceOutcome, moment: str) -> None:
    """The result is one of the two serial orders: exactly one transfer happened."""
    context = f"competitor committed {moment}; the ledger ran {outcome.statements}"
    ours_committed = isinstance(outcome.ours, Transfer)
    assert not (ours_committed and outcome.theirs_committed), (
        f"both transfers went through although alice only had 100.00 ({context}): "
        f"balances {outcome.balances}"
    )
    assert ours_committed or outcome.theirs_committed, f"no transfer went through ({context})"
    if ours_committed:
        expected = {"alice": 4_000, "bob": 8_000, "carol": 0}
    else:
        expected = {"alice": 3_000, "bob": 2_000, "carol": 7_000}
        lost_to_lock = isinstance(outcome.ours, sqlite3.OperationalError)
        assert lost_to_lock or isinstance(outcome.ours, InsufficientFunds), context
        if isinstance(outcome.ours, InsufficientFunds):
            assert outcome.ours.balance == Decimal("30.00"), context
    assert outcome.balances == expected, context
    assert outcome.transfer_rows == 1, context
    assert not outcome.left_in_transaction, context


def test_concurrent_transfer_at_any_moment_cannot_overdraw_or_lose_a_debit(
    tmp_path: Path,
) -> None:
    undisturbed = race(tmp_path / "after.db", competitor_before_statement=10**6)
    assert_serialised(undisturbed, "after the transfer returned")
    for number, sql in enumerate(undisturbed.statements, start=1):
        outcome = race(tmp_path / f"before-{number}.db", competitor_before_statement=number)
        assert_serialised(outcome, f"just before statement {number} ({sql!r})")
