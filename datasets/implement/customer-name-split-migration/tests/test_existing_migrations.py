"""Behaviour the runner, migrations 0001-0002 and the app have today (pass-to-pass)."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm.customers import CustomerNotFound, add_customer, get_customer
from crm.migrate import migrate


@pytest.fixture
def connection(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(tmp_path / "crm.db")
    yield connection
    connection.close()


def versions(connection: sqlite3.Connection) -> list[int]:
    return [v for (v,) in connection.execute("SELECT version FROM schema_version ORDER BY 1")]


def test_fresh_database_applies_the_migrations_in_order(connection: sqlite3.Connection) -> None:
    applied = migrate(connection)

    assert applied[:2] == [1, 2]
    assert applied == sorted(applied)
    assert versions(connection) == applied


def test_second_run_applies_nothing(connection: sqlite3.Connection) -> None:
    migrate(connection)
    before = versions(connection)

    assert migrate(connection) == []
    assert versions(connection) == before


def test_customer_round_trip_after_migrating(
    connection: sqlite3.Connection, tmp_path: Path
) -> None:
    migrate(connection)

    added = add_customer(connection, "Ada Lovelace", "  Ada@Example.COM ")

    # Another app server, on its own connection, sees the committed customer.
    other_server = sqlite3.connect(tmp_path / "crm.db")
    try:
        fetched = get_customer(other_server, added.id)
    finally:
        other_server.close()
    assert (fetched.name, fetched.email) == ("Ada Lovelace", "ada@example.com")
    assert fetched.id == added.id


def test_email_migration_normalises_old_rows_and_enforces_uniqueness(
    connection: sqlite3.Connection,
) -> None:
    connection.executescript(
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL);"
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY);"
        "INSERT INTO schema_version VALUES (1);"
        "INSERT INTO customers (id, name, email) VALUES (7, 'Bob Stone', ' Bob@Example.COM ');"
    )

    applied = migrate(connection)

    assert applied[0] == 2
    assert get_customer(connection, 7).email == "bob@example.com"
    with pytest.raises(sqlite3.IntegrityError):
        add_customer(connection, "Robert Stone", "BOB@example.com")


def test_unknown_customer_raises_customer_not_found(connection: sqlite3.Connection) -> None:
    migrate(connection)

    with pytest.raises(CustomerNotFound) as raised:
        get_customer(connection, 404)

    assert raised.value.customer_id == 404
