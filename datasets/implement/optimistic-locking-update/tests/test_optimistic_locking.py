import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import FrozenInstanceError, dataclass, replace
from pathlib import Path

import pytest

from wiki.pages import ConflictError, Page, PageAlreadyExists, PageNotFound, PageRepository


@pytest.fixture
def connection() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    yield connection
    connection.close()


@pytest.fixture
def repository(connection: sqlite3.Connection) -> PageRepository:
    return PageRepository(connection)


@pytest.fixture
def database_file(tmp_path: Path) -> Path:
    return tmp_path / "wiki.db"


@pytest.fixture
def open_connections(database_file: Path) -> Iterator[list[sqlite3.Connection]]:
    connections = [sqlite3.connect(database_file) for _ in range(2)]
    yield connections
    for connection in connections:
        connection.close()


def test_created_page_starts_at_version_one(repository: PageRepository) -> None:
    created = repository.create("home", "Welcome")

    assert created == Page(slug="home", body="Welcome", version=1)
    assert repository.get("home") == created


def test_page_is_still_frozen() -> None:
    page = Page("home", "Welcome", 1)

    with pytest.raises(FrozenInstanceError):
        page.version = 2  # type: ignore[misc]


def test_save_with_current_version_writes_and_bumps_version(repository: PageRepository) -> None:
    loaded = repository.create("home", "Welcome")

    saved = repository.save(replace(loaded, body="Welcome, friends"))

    assert saved == Page("home", "Welcome, friends", 2)
    assert repository.get("home") == saved


def test_successive_saves_keep_incrementing(repository: PageRepository) -> None:
    page = repository.create("home", "v1")
    for body in ["v2", "v3", "v4"]:
        page = repository.save(replace(page, body=body))

    assert repository.get("home") == Page("home", "v4", 4)


def test_stale_save_raises_conflict_and_writes_nothing(
    repository: PageRepository, connection: sqlite3.Connection
) -> None:
    original = repository.create("home", "Welcome")
    repository.save(replace(original, body="First edit"))

    with pytest.raises(ConflictError) as raised:
        repository.save(replace(original, body="Second edit"))

    conflict = raised.value
    assert (conflict.slug, conflict.expected_version, conflict.actual_version) == ("home", 1, 2)
    assert not isinstance(conflict, sqlite3.Error)
    assert repository.get("home") == Page("home", "First edit", 2)
    assert not connection.in_transaction


def test_version_ahead_of_stored_one_is_also_a_conflict(repository: PageRepository) -> None:
    repository.create("home", "Welcome")

    with pytest.raises(ConflictError) as raised:
        repository.save(Page("home", "From the future", 7))

    assert (raised.value.expected_version, raised.value.actual_version) == (7, 1)
    assert repository.get("home").body == "Welcome"


def test_conflict_message_names_the_page_and_both_versions(repository: PageRepository) -> None:
    repository.create("home", "Welcome")

    with pytest.raises(ConflictError) as raised:
        repository.save(Page("home", "From the future", 7))

    message = str(raised.value)
    assert all(part in message for part in ("home", "7", "1")), message


def test_saving_missing_page_raises_not_found(
    repository: PageRepository, connection: sqlite3.Connection
) -> None:
    repository.create("home", "Welcome")

    with pytest.raises(PageNotFound) as raised:
        repository.save(Page("ghost", "Boo", 1))

    assert raised.value.slug == "ghost"
    assert not connection.in_transaction


def test_saving_one_page_leaves_others_alone(repository: PageRepository) -> None:
    home = repository.create("home", "Welcome")
    about = repository.create("about", "About us")

    repository.save(replace(home, body="Hi"))

    assert repository.get("about") == about
    assert repository.save(replace(about, body="About")).version == 2


def test_two_editors_on_separate_connections_cannot_lose_an_update(
    open_connections: list[sqlite3.Connection],
) -> None:
    alice_repository, bob_repository = (PageRepository(c) for c in open_connections)
    alice_repository.create("home", "Welcome")
    alice_copy = alice_repository.get("home")
    bob_copy = bob_repository.get("home")

    alice_repository.save(replace(alice_copy, body="Alice's edit"))
    with pytest.raises(ConflictError) as raised:
        bob_repository.save(replace(bob_copy, body="Bob's edit"))

    assert raised.value.actual_version == 2
    assert bob_repository.get("home") == Page("home", "Alice's edit", 2)


def test_editor_can_retry_after_reloading(open_connections: list[sqlite3.Connection]) -> None:
    alice_repository, bob_repository = (PageRepository(c) for c in open_connections)
    stale = alice_repository.create("home", "Welcome")
    bob_repository.save(replace(bob_repository.get("home"), body="Bob's edit"))
    with pytest.raises(ConflictError):
        alice_repository.save(replace(stale, body="Alice's edit"))

    fresh = alice_repository.get("home")
    saved = alice_repository.save(replace(fresh, body=fresh.body + " + Alice's edit"))

    assert saved == Page("home", "Bob's edit + Alice's edit", 3)
    assert bob_repository.get("home") == saved


def test_writes_are_committed(
    database_file: Path, open_connections: list[sqlite3.Connection]
) -> None:
    writer_connection, _ = open_connections
    writer = PageRepository(writer_connection)
    writer.save(replace(writer.create("home", "Welcome"), body="Edited"))

    assert not writer_connection.in_transaction
    with sqlite3.connect(database_file) as reader_connection:
        assert PageRepository(reader_connection).get("home") == Page("home", "Edited", 2)
    reader_connection.close()


def test_duplicate_create_still_rejected(repository: PageRepository) -> None:
    repository.create("home", "Welcome")

    with pytest.raises(PageAlreadyExists) as raised:
        repository.create("home", "Again")

    assert raised.value.slug == "home"
    assert repository.get("home").version == 1


def test_create_on_a_locked_database_is_not_reported_as_a_duplicate(database_file: Path) -> None:
    with (
        closing(sqlite3.connect(database_file, timeout=0)) as connection,
        closing(sqlite3.connect(database_file)) as blocker,
    ):
        repository = PageRepository(connection)
        blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock: our insert must wait

        with pytest.raises(sqlite3.OperationalError):
            repository.create("home", "Welcome")

        assert not connection.in_transaction
        blocker.rollback()
        with pytest.raises(PageNotFound):
            repository.get("home")


def test_get_missing_page_still_raises_not_found(repository: PageRepository) -> None:
    with pytest.raises(PageNotFound):
        repository.get("nowhere")


# --- Races: another process saves the same page at the worst moment. ----------------------
#
# The other editor's save runs inside the trace callback of our connection, just before our
# save's n-th SQL statement starts, for every n: deterministic (no threads, no sleeps) and
# independent of the SQL a solution issues. An editor that finds the database locked by the
# other's transaction loses, as it would in production.

EditResult = Page | ConflictError | sqlite3.OperationalError


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


class OtherEditor:
    """Saves their edit of version 1 through the solution's repository on its own connection."""

    def __init__(self, database: Path) -> None:
        self.connection = sqlite3.connect(database, timeout=0)
        self.repository = PageRepository(self.connection)
        self.connection.execute("PRAGMA busy_timeout = 0")  # never wait for our lock
        self.result: EditResult | None = None

    def save(self) -> None:
        try:
            self.result = self.repository.save(Page("home", "Their edit", 1))
        except (ConflictError, sqlite3.OperationalError) as error:
            self.result = error
        if self.connection.in_transaction:
            self.connection.rollback()


@dataclass
class RaceOutcome:
    ours: EditResult
    theirs: EditResult
    stored: Page
    left_in_transaction: bool
    statements: list[str]


def race(database: Path, their_save_before_statement: int) -> RaceOutcome:
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA synchronous = OFF")  # speed only: no fsync per commit
    try:
        repository = PageRepository(connection)
        repository.create("home", "Welcome")
        other = OtherEditor(database)
        hook = BeforeStatement(their_save_before_statement, other.save)
        connection.set_trace_callback(hook)
        try:
            ours: EditResult = repository.save(Page("home", "Our edit", 1))
        except (ConflictError, sqlite3.OperationalError) as error:
            ours = error
        finally:
            connection.set_trace_callback(None)
        if not hook.fired:
            other.save()
        other.connection.close()
        left_in_transaction = connection.in_transaction
    finally:
        connection.close()
    with sqlite3.connect(database) as reader_connection:
        stored = PageRepository(reader_connection).get("home")
    reader_connection.close()
    assert other.result is not None, "the other editor's save never ran"
    return RaceOutcome(ours, other.result, stored, left_in_transaction, hook.statements)


def assert_one_edit_won(outcome: RaceOutcome, moment: str) -> None:
    """Exactly one of two saves of version 1 is written; the other is told of the conflict."""
    context = f"the other save ran {moment}; ours ran {outcome.statements}"
    both_won = isinstance(outcome.ours, Page) and isinstance(outcome.theirs, Page)
    assert not both_won, f"both saves of version 1 succeeded, one edit is lost ({context})"
    if isinstance(outcome.ours, Page):
        assert outcome.ours == Page("home", "Our edit", 2), context
        assert outcome.stored == outcome.ours, context
    else:
        assert outcome.theirs == Page("home", "Their edit", 2), f"no save succeeded ({context})"
        assert outcome.stored == outcome.theirs, context
        if isinstance(outcome.ours, ConflictError):
            assert (outcome.ours.expected_version, outcome.ours.actual_version) == (1, 2), context
    assert not outcome.left_in_transaction, context


def test_concurrent_save_at_any_moment_cannot_lose_an_update(tmp_path: Path) -> None:
    undisturbed = race(tmp_path / "after.db", their_save_before_statement=10**6)
    assert_one_edit_won(undisturbed, "after our save returned")
    for number, sql in enumerate(undisturbed.statements, start=1):
        outcome = race(tmp_path / f"before-{number}.db", their_save_before_statement=number)
        assert_one_edit_won(outcome, f"just before our statement {number} ({sql!r})")
