import sqlite3
from collections.abc import Iterator
from dataclasses import FrozenInstanceError, replace
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

    with pytest.raises(PageAlreadyExists):
        repository.create("home", "Again")

    assert repository.get("home").version == 1


def test_get_missing_page_still_raises_not_found(repository: PageRepository) -> None:
    with pytest.raises(PageNotFound):
        repository.get("nowhere")
