import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from till.database import TillCannotStart, open_database
from till.migrations import MigrationError, Migrator, discover

CREATE_SALES = """
CREATE TABLE sales (
    id INTEGER PRIMARY KEY,
    total_cents INTEGER NOT NULL,
    sold_at TEXT NOT NULL
);
CREATE TABLE sale_lines (
    sale_id INTEGER NOT NULL REFERENCES sales (id),
    sku TEXT NOT NULL,
    quantity INTEGER NOT NULL
);
"""
ADD_VOIDED = """
ALTER TABLE sales ADD COLUMN voided INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sales_by_day ON sales (sold_at);
UPDATE sale_line SET quantity = quantity;
"""
ADD_VOIDED_FIXED = ADD_VOIDED.replace("sale_line ", "sale_lines ")


def clock() -> datetime:
    return datetime(2025, 5, 2, 7, 30, tzinfo=UTC)


@pytest.fixture
def connection(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(tmp_path / "till.db")
    yield connection
    connection.close()


def scripts(folder: Path, **files: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name, sql in files.items():
        (folder / f"{name}.sql").write_text(sql)
    return folder


def columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]


def indexes(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    return sorted(name for (name,) in rows if not name.startswith("sqlite_"))


def test_new_till_gets_every_migration(connection: sqlite3.Connection, tmp_path: Path) -> None:
    folder = scripts(tmp_path / "m", **{"0001_create_sales": CREATE_SALES,
                                        "0002_add_voided": ADD_VOIDED_FIXED})  # fmt: skip
    applied = Migrator(connection, clock).migrate(discover(folder))
    assert [m.version for m in applied] == [1, 2]
    assert "voided" in columns(connection, "sales") and indexes(connection) == ["sales_by_day"]
    assert Migrator(connection, clock).migrate(discover(folder)) == []


def test_failed_migration_leaves_the_schema_as_it_was(
    connection: sqlite3.Connection, tmp_path: Path
) -> None:
    folder = scripts(tmp_path / "m", **{"0001_create_sales": CREATE_SALES})
    Migrator(connection, clock).migrate(discover(folder))
    scripts(folder, **{"0002_add_voided": ADD_VOIDED})
    with pytest.raises(sqlite3.OperationalError):
        Migrator(connection, clock).migrate(discover(folder))
    assert columns(connection, "sales") == ["id", "total_cents", "sold_at"], (
        "half of the failed migration was committed"
    )
    assert indexes(connection) == []
    assert Migrator(connection, clock).applied() == {1: "create_sales"}


def test_fixed_release_applies_after_a_failed_one(
    connection: sqlite3.Connection, tmp_path: Path
) -> None:
    folder = scripts(tmp_path / "m", **{"0001_create_sales": CREATE_SALES,
                                        "0002_add_voided": ADD_VOIDED})  # fmt: skip
    with pytest.raises(sqlite3.OperationalError):
        Migrator(connection, clock).migrate(discover(folder))
    scripts(folder, **{"0002_add_voided": ADD_VOIDED_FIXED})
    try:
        applied = Migrator(connection, clock).migrate(discover(folder))
    except sqlite3.OperationalError as error:
        pytest.fail(f"the till cannot start after a failed upgrade: {error}")
    assert [m.version for m in applied] == [2]
    assert Migrator(connection, clock).applied() == {1: "create_sales", 2: "add_voided"}


def test_a_renamed_migration_is_refused(connection: sqlite3.Connection, tmp_path: Path) -> None:
    folder = scripts(tmp_path / "m", **{"0001_create_sales": CREATE_SALES})
    Migrator(connection, clock).migrate(discover(folder))
    (folder / "0001_create_sales.sql").rename(folder / "0001_sales.sql")
    with pytest.raises(MigrationError, match="applied as 'create_sales'"):
        Migrator(connection, clock).migrate(discover(folder))


def test_till_refuses_to_start_on_a_broken_migration(tmp_path: Path) -> None:
    folder = scripts(tmp_path / "m", **{"0001_create_sales": CREATE_SALES,
                                        "0002_add_voided": ADD_VOIDED})  # fmt: skip
    with pytest.raises(TillCannotStart, match="sale_line"):
        open_database(tmp_path / "till.db", folder)
    working = open_database(tmp_path / "other.db", scripts(tmp_path / "ok", **{
        "0001_create_sales": CREATE_SALES}))  # fmt: skip
    working.close()
