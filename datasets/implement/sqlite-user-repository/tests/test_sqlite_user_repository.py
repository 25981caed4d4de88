import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from users.domain import DuplicateEmailError, User, UserNotFoundError
from users.sqlite_repository import SqliteUserRepository


@pytest.fixture
def connection() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    yield connection
    connection.close()


@pytest.fixture
def repository(connection: sqlite3.Connection) -> SqliteUserRepository:
    return SqliteUserRepository(connection)


def test_add_returns_user_that_get_finds(repository: SqliteUserRepository) -> None:
    added = repository.add("ann@example.com", "Ann")

    assert isinstance(added.id, int)
    assert (added.email, added.name) == ("ann@example.com", "Ann")
    assert repository.get(added.id) == added


def test_each_user_gets_its_own_id(repository: SqliteUserRepository) -> None:
    ann = repository.add("ann@example.com", "Ann")
    bob = repository.add("bob@example.com", "Bob")

    assert ann.id != bob.id
    assert repository.get(bob.id) == User(id=bob.id, email="bob@example.com", name="Bob")


def test_user_is_a_frozen_dataclass() -> None:
    user = User(1, "ann@example.com", "Ann")

    with pytest.raises(AttributeError):
        user.name = "Changed"  # type: ignore[misc]


def test_email_is_stored_as_given_but_found_ignoring_case(
    repository: SqliteUserRepository,
) -> None:
    added = repository.add("Ann.Smith@Example.com", "Ann")

    assert repository.get(added.id).email == "Ann.Smith@Example.com"
    assert repository.find_by_email("ann.smith@EXAMPLE.COM") == added
    assert repository.find_by_email("nobody@example.com") is None


@pytest.mark.parametrize("clashing", ["ann@example.com", "ANN@Example.com"])
def test_duplicate_email_raises_domain_error_and_keeps_original(
    repository: SqliteUserRepository, connection: sqlite3.Connection, clashing: str
) -> None:
    original = repository.add("ann@example.com", "Ann")

    with pytest.raises(DuplicateEmailError) as raised:
        repository.add(clashing, "Impostor")

    assert raised.value.email == clashing
    assert not isinstance(raised.value, sqlite3.Error)
    assert not connection.in_transaction
    assert repository.find_by_email("ann@example.com") == original


def test_repository_still_works_after_a_failed_add(repository: SqliteUserRepository) -> None:
    repository.add("ann@example.com", "Ann")
    with pytest.raises(DuplicateEmailError):
        repository.add("ann@example.com", "Again")

    bob = repository.add("bob@example.com", "Bob")

    assert repository.get(bob.id) == bob


def test_get_missing_user_raises_not_found(repository: SqliteUserRepository) -> None:
    with pytest.raises(UserNotFoundError) as raised:
        repository.get(404)

    assert raised.value.user_id == 404
    assert not isinstance(raised.value, sqlite3.Error)


def test_update_saves_email_and_name(repository: SqliteUserRepository) -> None:
    ann = repository.add("ann@example.com", "Ann")
    bob = repository.add("bob@example.com", "Bob")

    repository.update(replace(ann, email="ann@work.example", name="Ann Smith"))

    assert repository.get(ann.id) == User(ann.id, "ann@work.example", "Ann Smith")
    assert repository.find_by_email("ann@example.com") is None
    assert repository.get(bob.id) == bob


def test_update_keeping_own_email_in_other_case_is_allowed(
    repository: SqliteUserRepository,
) -> None:
    ann = repository.add("ann@example.com", "Ann")

    repository.update(replace(ann, email="Ann@Example.com"))

    assert repository.get(ann.id).email == "Ann@Example.com"


def test_update_to_taken_email_raises_and_changes_nothing(
    repository: SqliteUserRepository, connection: sqlite3.Connection
) -> None:
    ann = repository.add("ann@example.com", "Ann")
    bob = repository.add("bob@example.com", "Bob")

    with pytest.raises(DuplicateEmailError) as raised:
        repository.update(replace(bob, email="ANN@example.com", name="Bobby"))

    assert raised.value.email == "ANN@example.com"
    assert not connection.in_transaction
    assert repository.get(bob.id) == bob
    assert repository.get(ann.id) == ann


def test_update_missing_user_raises_not_found(
    repository: SqliteUserRepository, connection: sqlite3.Connection
) -> None:
    with pytest.raises(UserNotFoundError) as raised:
        repository.update(User(77, "ghost@example.com", "Ghost"))

    assert raised.value.user_id == 77
    assert not connection.in_transaction
    assert repository.find_by_email("ghost@example.com") is None


def test_delete_removes_user_and_frees_the_email(repository: SqliteUserRepository) -> None:
    ann = repository.add("ann@example.com", "Ann")

    repository.delete(ann.id)

    with pytest.raises(UserNotFoundError):
        repository.get(ann.id)
    assert repository.add("ann@example.com", "New Ann").name == "New Ann"


def test_delete_missing_user_raises_not_found(repository: SqliteUserRepository) -> None:
    repository.add("ann@example.com", "Ann")

    with pytest.raises(UserNotFoundError) as raised:
        repository.delete(9)

    assert raised.value.user_id == 9


def test_writes_are_committed_and_visible_to_other_connections(tmp_path: Path) -> None:
    database = tmp_path / "users.db"
    writer_connection = sqlite3.connect(database)
    reader_connection = sqlite3.connect(database)
    try:
        writer = SqliteUserRepository(writer_connection)
        ann = writer.add("ann@example.com", "Ann")
        bob = writer.add("bob@example.com", "Bob")
        writer.update(replace(ann, name="Ann Smith"))
        writer.delete(bob.id)

        reader = SqliteUserRepository(reader_connection)

        assert reader.get(ann.id) == User(ann.id, "ann@example.com", "Ann Smith")
        assert reader.find_by_email("bob@example.com") is None
        assert not writer_connection.in_transaction
    finally:
        writer_connection.close()
        reader_connection.close()


def test_second_repository_on_same_connection_keeps_data(
    connection: sqlite3.Connection,
) -> None:
    ann = SqliteUserRepository(connection).add("ann@example.com", "Ann")

    assert SqliteUserRepository(connection).get(ann.id) == ann


@pytest.mark.parametrize(
    ("email", "name"),
    [
        ("o'brien@example.com", "Robert'); DROP TABLE users; --"),
        ('quote"d@example.com', "It's \"quoted\""),
    ],
)
def test_sql_special_characters_round_trip(
    repository: SqliteUserRepository, email: str, name: str
) -> None:
    added = repository.add(email, name)

    assert repository.get(added.id) == User(added.id, email, name)
    assert repository.find_by_email(email) == added


def test_injection_attempt_in_lookup_matches_nothing(repository: SqliteUserRepository) -> None:
    repository.add("ann@example.com", "Ann")

    assert repository.find_by_email("x' OR '1'='1") is None


# --- Races: another process claims the same email at the worst moment. -------------------
#
# The other process's `add` runs inside the trace callback of our connection, just before our
# write's n-th SQL statement starts, for every n: deterministic (no threads, no sleeps) and
# independent of the SQL a solution issues. A writer that finds the database locked by the
# other's transaction loses, as it would in production.

ClaimResult = User | None | DuplicateEmailError | sqlite3.OperationalError


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


class OtherProcess:
    """Adds a user with `email` through the solution's repository on its own connection."""

    def __init__(self, database: Path, email: str) -> None:
        self.connection = sqlite3.connect(database, timeout=0)
        self.repository = SqliteUserRepository(self.connection)
        self.connection.execute("PRAGMA busy_timeout = 0")  # never wait for our lock
        self.email = email
        self.result: ClaimResult | None = None
        self.ran = False

    def add(self) -> None:
        self.ran = True
        try:
            self.result = self.repository.add(self.email, "Rival")
        except (DuplicateEmailError, sqlite3.OperationalError) as error:
            self.result = error
        if self.connection.in_transaction:
            self.connection.rollback()


@dataclass
class RaceOutcome:
    ours: ClaimResult
    theirs: ClaimResult
    left_in_transaction: bool
    statements: list[str]
    database: Path

    def context(self, moment: str) -> str:
        return f"the other add ran {moment}; ours ran {self.statements}"


def race(
    database: Path,
    their_add_before_statement: int,
    our_write: Callable[[SqliteUserRepository], User | None],
    their_email: str,
) -> RaceOutcome:
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA synchronous = OFF")  # speed only: no fsync per commit
    try:
        repository = SqliteUserRepository(connection)
        repository.add("ann@example.com", "Ann")
        other = OtherProcess(database, their_email)
        hook = BeforeStatement(their_add_before_statement, other.add)
        connection.set_trace_callback(hook)
        try:
            ours: ClaimResult = our_write(repository)
        except (DuplicateEmailError, sqlite3.OperationalError) as error:
            ours = error
        finally:
            connection.set_trace_callback(None)
        if not hook.fired:
            other.add()
        other.connection.close()
        left_in_transaction = connection.in_transaction
    finally:
        connection.close()
    assert other.ran, "the other process's add never ran"
    return RaceOutcome(ours, other.result, left_in_transaction, hook.statements, database)


def stored_owner_of(database: Path, email: str) -> User | None:
    with sqlite3.connect(database) as reader_connection:
        owner = SqliteUserRepository(reader_connection).find_by_email(email)
    reader_connection.close()
    return owner


def add_bob(repository: SqliteUserRepository) -> User:
    return repository.add("bob@example.com", "Bob")


def assert_one_claim_won(outcome: RaceOutcome, ours_won: bool, moment: str) -> None:
    context = outcome.context(moment)
    theirs_won = isinstance(outcome.theirs, User)
    assert not (ours_won and theirs_won), f"both writes took the same email ({context})"
    assert ours_won or theirs_won, f"neither write took the email ({context})"
    if not ours_won:
        lost_to_lock = isinstance(outcome.ours, sqlite3.OperationalError)
        assert lost_to_lock or isinstance(outcome.ours, DuplicateEmailError), context
    assert not outcome.left_in_transaction, context


def test_concurrent_add_of_the_same_email_at_any_moment_keeps_it_unique(
    tmp_path: Path,
) -> None:
    def check(outcome: RaceOutcome, moment: str) -> None:
        ours_won = isinstance(outcome.ours, User)
        assert_one_claim_won(outcome, ours_won, moment)
        winner = outcome.ours if ours_won else outcome.theirs
        assert stored_owner_of(outcome.database, "BOB@example.com") == winner

    undisturbed = race(tmp_path / "after.db", 10**6, add_bob, "BOB@example.com")
    check(undisturbed, "after our add returned")
    for number, sql in enumerate(undisturbed.statements, start=1):
        outcome = race(tmp_path / f"before-{number}.db", number, add_bob, "BOB@example.com")
        check(outcome, f"just before our statement {number} ({sql!r})")


def test_concurrent_add_during_an_update_to_that_email_keeps_it_unique(
    tmp_path: Path,
) -> None:
    def move_ann_to_carol(repository: SqliteUserRepository) -> None:
        ann = repository.find_by_email("ann@example.com")
        assert ann is not None
        repository.update(replace(ann, email="carol@example.com"))

    def check(outcome: RaceOutcome, moment: str) -> None:
        ours_won = outcome.ours is None  # update returned
        assert_one_claim_won(outcome, ours_won, moment)
        carol = stored_owner_of(outcome.database, "carol@example.com")
        ann = stored_owner_of(outcome.database, "ann@example.com")
        if ours_won:
            assert carol is not None and carol.name == "Ann" and ann is None, moment
        else:
            assert carol == outcome.theirs and ann is not None, moment

    undisturbed = race(tmp_path / "after.db", 10**6, move_ann_to_carol, "Carol@example.com")
    check(undisturbed, "after our update returned")
    for number, sql in enumerate(undisturbed.statements, start=1):
        outcome = race(
            tmp_path / f"before-{number}.db", number, move_ann_to_carol, "Carol@example.com"
        )
        check(outcome, f"just before our statement {number} ({sql!r})")
