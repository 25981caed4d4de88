"""The expand step of mail -> email: old servers (old_accounts_store, a copy of the code they run)
and new servers (accounts.store) share one expanded database file."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import old_accounts_store as old
import pytest

import accounts.schema as schema
from accounts import store as new


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """A production database as it is today, with accounts created by the old servers."""
    path = tmp_path / "accounts.db"
    connection = sqlite3.connect(path)
    old.create_v1_schema(connection)
    old.create_account(connection, "ada", "ada@example.com")
    old.create_account(connection, "grace", "grace@example.com")
    connection.close()
    return path


@pytest.fixture
def expanded(database: Path) -> Path:
    connection = sqlite3.connect(database)
    schema.expand_email_column(connection)
    connection.close()
    return database


@pytest.fixture
def old_server(expanded: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(expanded)
    yield connection
    connection.close()


@pytest.fixture
def new_server(expanded: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(expanded)
    yield connection
    connection.close()


def test_existing_accounts_are_readable_by_new_code(new_server: sqlite3.Connection) -> None:
    assert new.get_account(new_server, 1) == new.Account(1, "ada", "ada@example.com")
    assert new.find_by_email(new_server, "grace@example.com") == new.Account(
        2, "grace", "grace@example.com"
    )


def test_expand_fills_the_email_column(new_server: sqlite3.Connection) -> None:
    rows = new_server.execute("SELECT id, email FROM accounts ORDER BY id").fetchall()

    assert rows == [(1, "ada@example.com"), (2, "grace@example.com")]


def test_expand_can_run_again(expanded: Path) -> None:
    connection = sqlite3.connect(expanded)
    try:
        schema.expand_email_column(connection)
        new.create_account(connection, "edsger", "ewd@example.com")
        schema.expand_email_column(connection)

        rows = connection.execute("SELECT id, mail, email FROM accounts ORDER BY id").fetchall()
    finally:
        connection.close()
    assert rows == [
        (1, "ada@example.com", "ada@example.com"),
        (2, "grace@example.com", "grace@example.com"),
        (3, "ewd@example.com", "ewd@example.com"),
    ]


def test_old_server_keeps_working_on_the_expanded_schema(old_server: sqlite3.Connection) -> None:
    created = old.create_account(old_server, "alan", "alan@example.com")
    old.change_email(old_server, 1, "countess@example.com")

    assert old.get_account(old_server, created.id) == created
    assert old.find_by_email(old_server, "countess@example.com") == old.Account(
        1, "ada", "countess@example.com"
    )


def test_accounts_created_by_old_servers_are_seen_by_new_code(
    old_server: sqlite3.Connection, new_server: sqlite3.Connection
) -> None:
    created = old.create_account(old_server, "alan", "alan@example.com")

    assert new.get_account(new_server, created.id).email == "alan@example.com"
    assert new.find_by_email(new_server, "alan@example.com") == new.Account(
        created.id, "alan", "alan@example.com"
    )


def test_email_changes_by_old_servers_are_seen_by_new_code(
    old_server: sqlite3.Connection, new_server: sqlite3.Connection
) -> None:
    old.change_email(old_server, 1, "countess@example.com")

    assert new.get_account(new_server, 1).email == "countess@example.com"
    assert new.find_by_email(new_server, "countess@example.com") == new.Account(
        1, "ada", "countess@example.com"
    )
    assert new.find_by_email(new_server, "ada@example.com") is None


def test_accounts_created_by_new_code_are_seen_by_old_servers(
    old_server: sqlite3.Connection, new_server: sqlite3.Connection
) -> None:
    created = new.create_account(new_server, "edsger", "ewd@example.com")

    assert old.get_account(old_server, created.id) == old.Account(
        created.id, "edsger", "ewd@example.com"
    )
    assert old.find_by_email(old_server, "ewd@example.com") is not None


def test_email_changes_by_new_code_are_seen_by_old_servers(
    old_server: sqlite3.Connection, new_server: sqlite3.Connection
) -> None:
    new.change_email(new_server, 2, "hopper@example.com")

    assert old.get_account(old_server, 2).email == "hopper@example.com"
    assert old.find_by_email(old_server, "hopper@example.com") == old.Account(
        2, "grace", "hopper@example.com"
    )
    assert new.get_account(new_server, 2).email == "hopper@example.com"


def test_new_code_reads_the_email_column(new_server: sqlite3.Connection) -> None:
    # After the contract step only `email` is left: what new code shows must come from it.
    new_server.execute("UPDATE accounts SET email = 'moved@example.com' WHERE id = 1")
    new_server.commit()

    assert new.get_account(new_server, 1).email == "moved@example.com"
    assert new.find_by_email(new_server, "moved@example.com") == new.Account(
        1, "ada", "moved@example.com"
    )


def test_database_enforces_unique_email(new_server: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        new_server.execute("UPDATE accounts SET email = 'ada@example.com' WHERE id = 2")


def test_emails_stay_unique_across_old_and_new_servers(
    old_server: sqlite3.Connection, new_server: sqlite3.Connection
) -> None:
    with pytest.raises(new.EmailTaken):
        new.create_account(new_server, "imposter", "ada@example.com")
    new.create_account(new_server, "edsger", "ewd@example.com")
    with pytest.raises(old.EmailTaken):
        old.create_account(old_server, "imposter", "ewd@example.com")
    with pytest.raises(new.EmailTaken):
        new.change_email(new_server, 2, "ewd@example.com")

    assert new.get_account(new_server, 2).email == "grace@example.com"


def test_new_installs_get_the_expanded_schema(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "fresh.db")
    try:
        schema.create_schema(connection)
        created = old.create_account(connection, "alan", "alan@example.com")

        assert new.get_account(connection, created.id).email == "alan@example.com"
        schema.expand_email_column(connection)  # the deploy runs it everywhere: harmless here
        assert new.find_by_email(connection, "alan@example.com") is not None
    finally:
        connection.close()
