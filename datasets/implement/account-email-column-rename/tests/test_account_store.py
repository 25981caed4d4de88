"""What accounts/store.py does today on a database from create_schema (pass-to-pass)."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from accounts.schema import create_schema
from accounts.store import (
    AccountNotFound,
    EmailTaken,
    change_email,
    create_account,
    find_by_email,
    get_account,
)


@pytest.fixture
def connection(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(tmp_path / "accounts.db")
    create_schema(connection)
    yield connection
    connection.close()


def test_created_account_reads_back(connection: sqlite3.Connection) -> None:
    created = create_account(connection, "ada", "ada@example.com")

    assert get_account(connection, created.id) == created
    assert (created.username, created.email) == ("ada", "ada@example.com")
    assert find_by_email(connection, "ada@example.com") == created


def test_unknown_email_finds_nothing(connection: sqlite3.Connection) -> None:
    create_account(connection, "ada", "ada@example.com")

    assert find_by_email(connection, "nobody@example.com") is None


def test_changed_email_is_read_and_found(connection: sqlite3.Connection) -> None:
    created = create_account(connection, "ada", "ada@example.com")

    change_email(connection, created.id, "countess@example.com")

    assert get_account(connection, created.id).email == "countess@example.com"
    assert find_by_email(connection, "countess@example.com") == get_account(connection, created.id)
    assert find_by_email(connection, "ada@example.com") is None


def test_duplicate_email_on_create_is_refused(connection: sqlite3.Connection) -> None:
    create_account(connection, "ada", "ada@example.com")

    with pytest.raises(EmailTaken) as raised:
        create_account(connection, "imposter", "ada@example.com")

    assert raised.value.email == "ada@example.com"
    assert connection.execute("SELECT count(*) FROM accounts").fetchone() == (1,)


def test_changing_to_a_taken_email_is_refused(connection: sqlite3.Connection) -> None:
    ada = create_account(connection, "ada", "ada@example.com")
    grace = create_account(connection, "grace", "grace@example.com")

    with pytest.raises(EmailTaken):
        change_email(connection, grace.id, "ada@example.com")

    assert get_account(connection, grace.id).email == "grace@example.com"
    assert get_account(connection, ada.id).email == "ada@example.com"


def test_unknown_account_is_reported(connection: sqlite3.Connection) -> None:
    with pytest.raises(AccountNotFound) as raised:
        get_account(connection, 41)
    assert raised.value.account_id == 41

    with pytest.raises(AccountNotFound):
        change_email(connection, 42, "x@example.com")


class DiskFailure(Exception):
    pass


def fail_on(connection: sqlite3.Connection, event: str) -> None:
    """A trigger whose body calls a Python function that raises: sqlite3 then raises an
    OperationalError, a database failure that has nothing to do with a taken email."""

    def explode() -> None:
        raise DiskFailure("disk on fire")

    connection.create_function("explode", 0, explode)
    connection.execute(
        f"CREATE TRIGGER fail BEFORE {event} ON accounts BEGIN SELECT explode(); END"
    )
    connection.commit()


def test_other_database_errors_on_create_are_not_reported_as_taken_email(
    connection: sqlite3.Connection,
) -> None:
    fail_on(connection, "INSERT")

    with pytest.raises(sqlite3.OperationalError):
        create_account(connection, "ada", "ada@example.com")


def test_other_database_errors_on_change_are_not_reported_as_taken_email(
    connection: sqlite3.Connection,
) -> None:
    created = create_account(connection, "ada", "ada@example.com")
    fail_on(connection, "UPDATE")

    with pytest.raises(sqlite3.OperationalError):
        change_email(connection, created.id, "countess@example.com")

    assert get_account(connection, created.id).email == "ada@example.com"
