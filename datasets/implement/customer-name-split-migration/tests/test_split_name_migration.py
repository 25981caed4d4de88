"""Migration 0003 on databases left by the old schema (version 2) with real rows in them."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm.customers import add_customer, get_customer
from crm.migrate import migrate

OLD_CUSTOMERS = [
    (1, "Ada Lovelace", "ada@example.com"),
    (2, "  Grace   Brewster  Hopper ", "grace@example.com"),
    (3, "Prince", "prince@example.com"),
    (4, "Alan Turing", "alan@example.com"),
    (5, "   ", "blank@example.com"),
]
EXPECTED_SPLIT = {
    1: ("Ada", "Lovelace"),
    2: ("Grace", "Brewster Hopper"),
    3: ("Prince", ""),
    4: ("Alan", "Turing"),
    5: ("", ""),
}


def create_version_2_database(path: Path) -> None:
    """The schema as migrations 0001 and 0002 left it, frozen here, with customers in it."""
    connection = sqlite3.connect(path)
    connection.executescript(
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL);"
        "CREATE UNIQUE INDEX customers_email ON customers (email);"
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY);"
        "INSERT INTO schema_version VALUES (1), (2);"
    )
    connection.executemany("INSERT INTO customers VALUES (?, ?, ?)", OLD_CUSTOMERS)
    connection.commit()
    connection.close()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "crm.db"
    create_version_2_database(path)
    return path


@pytest.fixture
def connection(database: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(database)
    yield connection
    connection.close()


def stored_split(connection: sqlite3.Connection) -> dict[int, tuple[str, str]]:
    rows = connection.execute("SELECT id, first_name, last_name FROM customers ORDER BY id")
    return {customer_id: (first, last) for customer_id, first, last in rows}


def versions(connection: sqlite3.Connection) -> list[int]:
    return [v for (v,) in connection.execute("SELECT version FROM schema_version ORDER BY 1")]


def test_upgrade_from_version_2_applies_only_the_new_migration(
    connection: sqlite3.Connection,
) -> None:
    assert migrate(connection) == [3]
    assert versions(connection) == [1, 2, 3]
    assert migrate(connection) == []


def test_fresh_database_reaches_version_3(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "fresh.db")
    try:
        assert migrate(connection) == [1, 2, 3]
    finally:
        connection.close()


def test_backfill_splits_every_existing_name(connection: sqlite3.Connection) -> None:
    migrate(connection)

    assert stored_split(connection) == EXPECTED_SPLIT


def test_old_columns_and_values_are_kept(connection: sqlite3.Connection) -> None:
    migrate(connection)

    rows = connection.execute("SELECT id, name, email FROM customers ORDER BY id").fetchall()
    assert rows == OLD_CUSTOMERS
    assert get_customer(connection, 2).name == "  Grace   Brewster  Hopper "


def test_app_reads_the_split_names(connection: sqlite3.Connection) -> None:
    migrate(connection)

    customers = [get_customer(connection, customer_id) for customer_id in EXPECTED_SPLIT]

    assert {c.id: (c.first_name, c.last_name) for c in customers} == EXPECTED_SPLIT


def test_resumes_a_partial_run_and_keeps_rows_already_filled(
    connection: sqlite3.Connection,
) -> None:
    # What a run killed mid-backfill leaves: columns added, some rows filled, version not recorded.
    connection.execute("ALTER TABLE customers ADD COLUMN first_name TEXT")
    connection.execute("ALTER TABLE customers ADD COLUMN last_name TEXT")
    connection.execute(
        "UPDATE customers SET first_name = 'Augusta Ada', last_name = 'King' WHERE id = 1"
    )
    connection.commit()

    assert migrate(connection) == [3]

    assert stored_split(connection) == {**EXPECTED_SPLIT, 1: ("Augusta Ada", "King")}
    assert versions(connection) == [1, 2, 3]


def test_a_failed_run_can_be_run_again(database: Path) -> None:
    connection = sqlite3.connect(database)
    connection.execute(
        "CREATE TRIGGER disk_full BEFORE UPDATE ON customers WHEN OLD.id = 4 "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    connection.commit()
    with pytest.raises(sqlite3.Error):
        migrate(connection)
    connection.close()  # the deploy process died here

    connection = sqlite3.connect(database)
    try:
        connection.execute("DROP TRIGGER disk_full")
        connection.commit()
        assert migrate(connection) == [3]
        assert stored_split(connection) == EXPECTED_SPLIT
        assert versions(connection) == [1, 2, 3]
    finally:
        connection.close()


def test_rows_written_by_old_servers_after_the_migration_read_split(
    connection: sqlite3.Connection,
) -> None:
    migrate(connection)
    # An old app server, still running during the rollout, only knows name and email.
    connection.execute(
        "INSERT INTO customers (id, name, email)"
        " VALUES (9, ' Edsger  Wybe Dijkstra', 'ewd@example.com')"
    )
    connection.commit()

    customer = get_customer(connection, 9)

    assert (customer.first_name, customer.last_name) == ("Edsger", "Wybe Dijkstra")
    assert customer.name == " Edsger  Wybe Dijkstra"


def test_new_customers_are_stored_with_split_names(connection: sqlite3.Connection) -> None:
    migrate(connection)

    added = add_customer(connection, "Barbara  Liskov", "barbara@example.com")

    stored = connection.execute(
        "SELECT name, first_name, last_name FROM customers WHERE id = ?", (added.id,)
    ).fetchone()
    assert stored == ("Barbara  Liskov", "Barbara", "Liskov")
    assert (added.first_name, added.last_name) == ("Barbara", "Liskov")


def test_new_single_word_customer_has_empty_last_name(connection: sqlite3.Connection) -> None:
    migrate(connection)

    added = add_customer(connection, "Cher", "cher@example.com")

    stored = connection.execute(
        "SELECT first_name, last_name FROM customers WHERE id = ?", (added.id,)
    ).fetchone()
    assert stored == ("Cher", "")
