"""The soft delete of HD-412: fail on the current release, pass once deletion is reversible."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from helpdesk_support import ManualClock, client_for, open_ticket, parse_time, titles


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def api(tmp_path: Path, clock: ManualClock) -> Iterator[TestClient]:
    with client_for(tmp_path / "hd.sqlite3", clock) as client:
        yield client


def test_restore_brings_the_ticket_back_exactly_as_it_was(
    api: TestClient, clock: ManualClock
) -> None:
    ticket = open_ticket(api)
    clock.advance()
    api.post(f"/tickets/{ticket['id']}/assign", json={"assignee": "bob"})
    api.patch(f"/tickets/{ticket['id']}", json={"priority": "urgent"})
    api.post(f"/tickets/{ticket['id']}/status", json={"status": "pending"})
    before = api.get(f"/tickets/{ticket['id']}").json()

    clock.advance()
    assert api.delete(f"/tickets/{ticket['id']}").status_code == 204
    clock.advance()
    restored = api.post(f"/tickets/{ticket['id']}/restore")

    assert restored.status_code == 200
    assert restored.json() == before
    assert before["deleted_at"] is None
    assert api.get(f"/tickets/{ticket['id']}").json() == before


def test_restore_brings_back_every_comment(api: TestClient) -> None:
    ticket = open_ticket(api)
    url = f"/tickets/{ticket['id']}/comments"
    api.post(url, json={"author": "bob", "body": "looking", "internal": True})
    api.post(url, json={"author": "ann@example.com", "body": "thanks"})
    before = api.get(url, params={"include_internal": True}).json()

    api.delete(f"/tickets/{ticket['id']}")
    api.post(f"/tickets/{ticket['id']}/restore")

    assert len(before) == 2
    assert api.get(url, params={"include_internal": True}).json() == before


def test_restore_needs_a_deleted_ticket(api: TestClient) -> None:
    live = open_ticket(api, "live")
    deleted = open_ticket(api, "deleted")
    api.delete(f"/tickets/{deleted['id']}")

    assert api.post(f"/tickets/{live['id']}/restore").status_code == 404
    assert api.post("/tickets/999/restore").status_code == 404
    assert api.post(f"/tickets/{deleted['id']}/restore").status_code == 200
    assert api.post(f"/tickets/{deleted['id']}/restore").status_code == 404
    assert api.get(f"/tickets/{live['id']}").json() == live


def test_live_tickets_carry_a_null_deleted_at(api: TestClient) -> None:
    created = open_ticket(api, "VPN down")

    shown = [
        created,
        api.get(f"/tickets/{created['id']}").json(),
        api.get("/tickets").json()["items"][0],
        api.get("/tickets/search", params={"q": "vpn"}).json()[0],
        api.post(f"/tickets/{created['id']}/assign", json={"assignee": "bob"}).json(),
    ]

    for ticket in shown:
        assert "deleted_at" in ticket
        assert ticket["deleted_at"] is None


def test_include_deleted_lists_deleted_tickets_with_their_deletion_time(
    api: TestClient, clock: ManualClock
) -> None:
    first, second, third = (open_ticket(api, title) for title in ("a", "b", "c"))
    deleted_at = clock.advance(5)
    api.delete(f"/tickets/{second['id']}")
    clock.advance(5)

    everything = api.get("/tickets", params={"include_deleted": True}).json()
    live = api.get("/tickets").json()

    assert titles(everything["items"]) == ["a", "b", "c"]
    assert everything["total"] == 3
    assert parse_time(everything["items"][1]["deleted_at"]) == deleted_at
    assert [t["deleted_at"] for t in everything["items"][::2]] == [None, None]
    assert everything["items"][1]["updated_at"] == second["updated_at"]
    assert titles(live["items"]) == ["a", "c"]
    assert live["total"] == 2
    assert first["id"] < second["id"] < third["id"]


def test_include_deleted_keeps_filters_and_paging(api: TestClient) -> None:
    tickets = [open_ticket(api, title, priority="high") for title in ("a", "b", "c", "d")]
    open_ticket(api, "e", priority="low")
    for ticket in tickets[:3]:
        api.delete(f"/tickets/{ticket['id']}")

    params = {"include_deleted": True, "priority": "high", "limit": 2}
    first = api.get("/tickets", params=params).json()
    second = api.get("/tickets", params={**params, "offset": 2}).json()

    assert titles(first["items"]) == ["a", "b"]
    assert titles(second["items"]) == ["c", "d"]
    assert (first["total"], second["total"]) == (4, 4)


def test_restored_ticket_is_counted_and_found_again(api: TestClient) -> None:
    ticket = open_ticket(api, "VPN down")
    open_ticket(api, "Laptop")
    api.delete(f"/tickets/{ticket['id']}")
    hidden = (api.get("/stats").json(), api.get("/tickets/search", params={"q": "vpn"}).json())

    api.post(f"/tickets/{ticket['id']}/restore")

    assert hidden == ({"open": 1, "pending": 0, "resolved": 0, "closed": 0, "total": 1}, [])
    assert api.get("/stats").json()["open"] == 2
    assert titles(api.get("/tickets/search", params={"q": "vpn"}).json()) == ["VPN down"]
    assert titles(api.get("/tickets").json()["items"]) == ["VPN down", "Laptop"]


def test_deletion_survives_a_restart(tmp_path: Path, clock: ManualClock) -> None:
    path = tmp_path / "hd.sqlite3"
    with client_for(path, clock) as api:
        ticket = open_ticket(api)
        api.post(f"/tickets/{ticket['id']}/comments", json={"author": "bob", "body": "hi"})
        api.delete(f"/tickets/{ticket['id']}")

    with client_for(path, clock) as api:
        assert api.get(f"/tickets/{ticket['id']}").status_code == 404
        assert api.get("/tickets", params={"include_deleted": True}).json()["total"] == 1
        assert api.post(f"/tickets/{ticket['id']}/restore").status_code == 200
        comments = api.get(f"/tickets/{ticket['id']}/comments").json()
        assert [c["body"] for c in comments] == ["hi"]


# The schema as the current release creates it, before soft delete existed.
CURRENT_RELEASE_SCHEMA = """
CREATE TABLE tickets (
    id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, description TEXT NOT NULL,
    requester_email TEXT NOT NULL, priority TEXT NOT NULL, status TEXT NOT NULL,
    assignee TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    author TEXT NOT NULL, body TEXT NOT NULL, internal INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX comments_by_ticket ON comments(ticket_id);
INSERT INTO tickets VALUES (7, 'Old ticket', 'from last year', 'old@example.com', 'high',
    'resolved', 'bob', '2023-01-02T03:04:05+00:00', '2023-01-03T03:04:05+00:00');
INSERT INTO comments VALUES (1, 7, 'bob', 'fixed it', 0, '2023-01-03T03:04:05+00:00');
"""


def test_starts_on_a_database_of_the_current_release(tmp_path: Path, clock: ManualClock) -> None:
    path = tmp_path / "production.sqlite3"
    connection = sqlite3.connect(path)
    connection.executescript(CURRENT_RELEASE_SCHEMA)
    connection.close()

    with client_for(path, clock) as api:
        old = api.get("/tickets/7").json()
        assert api.delete("/tickets/7").status_code == 204
    with client_for(path, clock) as api:
        restored = api.post("/tickets/7/restore").json()
        comments = api.get("/tickets/7/comments").json()

    assert (old["title"], old["status"], old["assignee"], old["deleted_at"]) == (
        "Old ticket", "resolved", "bob", None
    )
    assert restored == old
    assert [c["body"] for c in comments] == ["fixed it"]
