import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tenants.settings import TenantSettings, UnknownTenant


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Callable[[], sqlite3.Connection]]:
    opened: list[sqlite3.Connection] = []

    def connect() -> sqlite3.Connection:
        connection = sqlite3.connect(tmp_path / "settings.db", timeout=0.05)
        opened.append(connection)
        return connection

    TenantSettings(connect()).create("acme", {"plan": "pro", "logo": "old.png"})
    yield connect
    for connection in opened:
        connection.close()


def run_before_first_write(
    connection: sqlite3.Connection, competing: Callable[[], object]
) -> list[Callable[[], object]]:
    """Run `competing` once, just before `connection` sends its first write.

    This reproduces two admin requests interleaving: the competing edit commits while the first
    one is between reading the document and writing it back. If the database is locked at that
    moment (the first request holds a write lock), the competing edit is returned to be run
    afterwards, as a request waiting for the lock would.
    """
    fired = False
    deferred: list[Callable[[], object]] = []

    def trace(statement: str) -> None:
        nonlocal fired
        if not fired and statement.lstrip().upper().startswith(("UPDATE", "INSERT", "REPLACE")):
            fired = True
            try:
                competing()
            except sqlite3.OperationalError:
                deferred.append(competing)

    connection.set_trace_callback(trace)
    return deferred


def test_update_merges_changed_keys(database: Callable[[], sqlite3.Connection]) -> None:
    settings = TenantSettings(database())
    assert settings.update("acme", {"logo": "new.png"}) == {"plan": "pro", "logo": "new.png"}
    assert TenantSettings(database()).get("acme") == {"plan": "pro", "logo": "new.png"}


def test_unknown_tenant(database: Callable[[], sqlite3.Connection]) -> None:
    with pytest.raises(UnknownTenant):
        TenantSettings(database()).update("globex", {"plan": "free"})


def test_concurrent_edits_of_different_keys_are_both_kept(
    database: Callable[[], sqlite3.Connection],
) -> None:
    branding_connection = database()
    branding = TenantSettings(branding_connection)
    billing = TenantSettings(database())
    deferred = run_before_first_write(
        branding_connection, lambda: billing.update("acme", {"plan": "team"})
    )
    branding.update("acme", {"logo": "new.png"})
    for edit in deferred:
        edit()
    stored = TenantSettings(database()).get("acme")
    assert stored == {"plan": "team", "logo": "new.png"}, "one admin's edit was lost"
