import sqlite3
from collections.abc import Iterator
from dataclasses import replace
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
