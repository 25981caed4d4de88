"""Behaviour of the current release that the soft delete must keep (pass-to-pass)."""

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
    with client_for(tmp_path / "hd.sqlite3", clock, default_page_size=2, max_page_size=3) as c:
        yield c


def test_new_ticket_defaults_and_round_trip(api: TestClient, clock: ManualClock) -> None:
    ticket = open_ticket(api, "  Printer  ", description=" smoke ")

    assert (ticket["title"], ticket["description"]) == ("Printer", "smoke")
    assert (ticket["status"], ticket["priority"], ticket["assignee"]) == ("open", "normal", None)
    assert parse_time(ticket["created_at"]) == clock.now
    assert ticket["updated_at"] == ticket["created_at"]
    assert ticket["requester_email"] == "ann@example.com"
    assert api.get(f"/tickets/{ticket['id']}").json() == ticket


@pytest.mark.parametrize(
    "body",
    [
        {"title": " "},
        {"title": "x" * 201},
        {"title": "x", "description": "d" * 5001},
        {"title": "x", "requester_email": "not-an-address"},
        {"title": "x", "priority": "whenever"},
    ],
)
def test_invalid_ticket_is_rejected(api: TestClient, body: dict[str, str]) -> None:
    response = api.post("/tickets", json={"requester_email": "ann@example.com", **body})

    assert response.status_code == 422
    assert api.get("/tickets").json()["total"] == 0


def test_longest_title_and_description_are_accepted(api: TestClient) -> None:
    ticket = open_ticket(api, "t" * 200, description="d" * 5000)

    assert (len(ticket["title"]), len(ticket["description"])) == (200, 5000)


def test_listing_filters_combine_and_pages_use_settings(api: TestClient) -> None:
    for title, priority in [("a", "high"), ("b", "low"), ("c", "high"), ("d", "high")]:
        open_ticket(api, title, priority=priority)
    for ticket_id in (1, 4):
        api.post(f"/tickets/{ticket_id}/assign", json={"assignee": "bob"})
    api.post("/tickets/4/status", json={"status": "pending"})

    default_page = api.get("/tickets").json()
    capped = api.get("/tickets", params={"limit": 50}).json()
    bobs_high = api.get("/tickets", params={"assignee": "bob", "priority": "high"}).json()
    bobs_pending = api.get("/tickets", params={"assignee": "bob", "status": "pending"}).json()

    assert (titles(default_page["items"]), default_page["total"]) == (["a", "b"], 4)
    assert (default_page["limit"], default_page["offset"]) == (2, 0)
    assert (titles(capped["items"]), capped["limit"]) == (["a", "b", "c"], 3)
    assert titles(bobs_high["items"]) == ["a", "d"]
    assert titles(bobs_pending["items"]) == ["d"]
    assert bobs_pending["total"] == 1


def test_paging_bounds(api: TestClient) -> None:
    for title in ("a", "b", "c"):
        open_ticket(api, title)

    one = api.get("/tickets", params={"limit": 1, "offset": 1}).json()

    assert (titles(one["items"]), one["offset"]) == (["b"], 1)
    assert api.get("/tickets", params={"limit": 0}).status_code == 422
    assert titles(api.get("/tickets", params={"offset": 0}).json()["items"]) == ["a", "b"]
    assert api.get("/tickets", params={"offset": -1}).status_code == 422


def test_edit_changes_only_given_fields(api: TestClient, clock: ManualClock) -> None:
    ticket = open_ticket(api, description="old text", priority="low")
    edited_at = clock.advance()

    edited = api.patch(f"/tickets/{ticket['id']}", json={"title": "New title"}).json()
    again = api.patch(f"/tickets/{ticket['id']}", json={"description": "new", "priority": "high"})

    assert (edited["title"], edited["description"], edited["priority"]) == (
        "New title", "old text", "low"
    )
    assert parse_time(edited["updated_at"]) == edited_at
    assert edited["created_at"] == ticket["created_at"]
    assert (again.json()["title"], again.json()["description"]) == ("New title", "new")
    assert again.json()["priority"] == "high"
    assert api.patch(f"/tickets/{ticket['id']}", json={"title": ""}).status_code == 422


@pytest.mark.parametrize(
    ("path", "allowed", "refused"),
    [
        (["pending"], ["open", "resolved", "closed"], []),
        (["resolved"], ["open", "closed"], ["pending"]),
        (["closed"], [], ["open", "pending", "resolved"]),
    ],
)
def test_status_rules(
    api: TestClient, path: list[str], allowed: list[str], refused: list[str]
) -> None:
    for target in allowed + refused:
        ticket = open_ticket(api)
        url = f"/tickets/{ticket['id']}/status"
        for step in path:
            assert api.post(url, json={"status": step}).status_code == 200
        response = api.post(url, json={"status": target})
        assert response.status_code == (200 if target in allowed else 409), (path, target)
        expected = target if target in allowed else path[-1]
        assert api.get(f"/tickets/{ticket['id']}").json()["status"] == expected


def test_status_change_bumps_updated_at(api: TestClient, clock: ManualClock) -> None:
    ticket = open_ticket(api)
    changed_at = clock.advance()

    changed = api.post(f"/tickets/{ticket['id']}/status", json={"status": "resolved"}).json()

    assert parse_time(changed["updated_at"]) == changed_at


def test_assign_and_unassign(api: TestClient) -> None:
    ticket = open_ticket(api)
    url = f"/tickets/{ticket['id']}/assign"

    assert api.post(url, json={"assignee": "bob"}).json()["assignee"] == "bob"
    assert api.post(url, json={"assignee": None}).json()["assignee"] is None
    assert api.post(url, json={"assignee": ""}).status_code == 422
    assert api.post(url, json={"assignee": "c"}).json()["assignee"] == "c"


def test_closed_ticket_refuses_work(api: TestClient) -> None:
    ticket = open_ticket(api)
    base = f"/tickets/{ticket['id']}"
    api.post(f"{base}/status", json={"status": "closed"})

    assert api.patch(base, json={"title": "x"}).status_code == 409
    assert api.post(f"{base}/assign", json={"assignee": "bob"}).status_code == 409
    assert api.post(f"{base}/comments", json={"author": "bob", "body": "b"}).status_code == 409
    assert api.get(f"{base}/comments").json() == []


@pytest.mark.parametrize(("status", "author", "after"), [
    ("pending", "ann@example.com", "open"),
    ("resolved", "ann@example.com", "open"),
    ("pending", "bob", "pending"),
    ("open", "ann@example.com", "open"),
])
def test_customer_reply_reopens_waiting_ticket(
    api: TestClient, clock: ManualClock, status: str, author: str, after: str
) -> None:
    ticket = open_ticket(api)
    if status != "open":
        api.post(f"/tickets/{ticket['id']}/status", json={"status": status})
    before = api.get(f"/tickets/{ticket['id']}").json()
    replied_at = clock.advance()

    comment = api.post(
        f"/tickets/{ticket['id']}/comments", json={"author": author, "body": "any news?"}
    )

    assert comment.status_code == 201
    assert parse_time(comment.json()["created_at"]) == replied_at
    now = api.get(f"/tickets/{ticket['id']}").json()
    assert now["status"] == after
    expected_update = replied_at if after != status else parse_time(before["updated_at"])
    assert parse_time(now["updated_at"]) == expected_update


def test_comments_in_order_with_internal_hidden_by_default(api: TestClient) -> None:
    ticket = open_ticket(api)
    url = f"/tickets/{ticket['id']}/comments"
    api.post(url, json={"author": "bob", "body": "first"})
    note = api.post(url, json={"author": "bob", "body": "note", "internal": True}).json()
    api.post(url, json={"author": "bob", "body": "last"})

    assert [c["body"] for c in api.get(url).json()] == ["first", "last"]
    everything = api.get(url, params={"include_internal": True}).json()
    assert [c["body"] for c in everything] == ["first", "note", "last"]
    assert everything[1] == note
    assert (note["internal"], note["ticket_id"], note["author"]) == (True, ticket["id"], "bob")
    assert api.post(url, json={"author": "bob", "body": ""}).status_code == 422
    assert api.post(url, json={"author": "", "body": "x"}).status_code == 422
    assert api.post(url, json={"author": "bob", "body": "b" * 5001}).status_code == 422
    assert api.post(url, json={"author": "bob", "body": "b" * 5000}).status_code == 201


def test_search_title_or_description_newest_first(api: TestClient) -> None:
    open_ticket(api, "VPN down")
    open_ticket(api, "Laptop", description="cannot reach the vpn")
    open_ticket(api, "Coffee", description="machine broken")

    found = api.get("/tickets/search", params={"q": "vpn"}).json()
    limited = api.get("/tickets/search", params={"q": "vpn", "limit": 1}).json()

    assert titles(found) == ["Laptop", "VPN down"]
    assert titles(limited) == ["Laptop"]
    assert titles(api.get("/tickets/search", params={"q": "co"}).json()) == ["Coffee"]
    assert api.get("/tickets/search", params={"q": "v"}).status_code == 422


def test_search_returns_twenty_by_default(tmp_path: Path, clock: ManualClock) -> None:
    with client_for(tmp_path / "big.sqlite3", clock) as api:
        for number in range(21):
            open_ticket(api, f"vpn {number}")

        found = api.get("/tickets/search", params={"q": "vpn"}).json()

    assert len(found) == 20
    assert found[0]["title"] == "vpn 20"


def test_stats_count_each_status(api: TestClient) -> None:
    for status in ["pending", "pending", "resolved", "closed", None]:
        ticket = open_ticket(api)
        if status:
            api.post(f"/tickets/{ticket['id']}/status", json={"status": status})

    assert api.get("/stats").json() == {
        "open": 1, "pending": 2, "resolved": 1, "closed": 1, "total": 5
    }


def test_deleted_ticket_is_gone_everywhere(api: TestClient) -> None:
    ticket = open_ticket(api, "VPN down")
    kept = open_ticket(api, "VPN slow")
    base = f"/tickets/{ticket['id']}"
    api.post(f"{base}/comments", json={"author": "bob", "body": "hi"})

    assert api.delete(base).status_code == 204

    assert api.get(base).status_code == 404
    assert api.patch(base, json={"title": "x"}).status_code == 404
    assert api.post(f"{base}/status", json={"status": "closed"}).status_code == 404
    assert api.post(f"{base}/assign", json={"assignee": "bob"}).status_code == 404
    assert api.post(f"{base}/comments", json={"author": "b", "body": "b"}).status_code == 404
    assert api.get(f"{base}/comments").status_code == 404
    assert api.delete(base).status_code == 404
    assert titles(api.get("/tickets").json()["items"]) == ["VPN slow"]
    assert titles(api.get("/tickets/search", params={"q": "vpn"}).json()) == ["VPN slow"]
    assert api.get("/stats").json()["total"] == 1
    assert api.get(f"/tickets/{kept['id']}").json() == kept


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("GET", "", None),
        ("PATCH", "", {"title": "x"}),
        ("DELETE", "", None),
        ("POST", "/status", {"status": "closed"}),
        ("POST", "/assign", {"assignee": "bob"}),
        ("GET", "/comments", None),
        ("POST", "/comments", {"author": "b", "body": "b"}),
    ],
)
def test_unknown_ticket_is_404(
    api: TestClient, method: str, suffix: str, body: dict[str, str] | None
) -> None:
    response = api.request(method, f"/tickets/404{suffix}", json=body)

    assert response.status_code == 404
    assert "404" in response.json()["detail"]


def test_data_survives_a_restart(tmp_path: Path, clock: ManualClock) -> None:
    path = tmp_path / "hd.sqlite3"
    with client_for(path, clock) as api:
        ticket = open_ticket(api, priority="high")
        api.post(f"/tickets/{ticket['id']}/comments", json={"author": "bob", "body": "hi"})

    for _ in range(2):
        with client_for(path, clock) as api:
            assert api.get(f"/tickets/{ticket['id']}").json() == ticket
            assert [c["body"] for c in api.get(f"/tickets/{ticket['id']}/comments").json()] == [
                "hi"
            ]


def test_one_character_fields_are_enough(api: TestClient) -> None:
    ticket = open_ticket(api, "a")
    base = f"/tickets/{ticket['id']}"

    assert api.patch(base, json={"title": "b"}).json()["title"] == "b"
    comment = api.post(f"{base}/comments", json={"author": "c", "body": "d"})
    assert comment.status_code == 201
    assert (comment.json()["author"], comment.json()["body"]) == ("c", "d")


@pytest.mark.parametrize(
    ("body", "accepted"),
    [
        ({"title": "t" * 200}, True),
        ({"title": "t" * 201}, False),
        ({"description": "d" * 5000}, True),
        ({"description": "d" * 5001}, False),
        ({"priority": "whenever"}, False),
    ],
)
def test_edit_validation(api: TestClient, body: dict[str, str], accepted: bool) -> None:
    ticket = open_ticket(api)

    response = api.patch(f"/tickets/{ticket['id']}", json=body)

    assert response.status_code == (200 if accepted else 422)


def test_edit_strips_whitespace(api: TestClient) -> None:
    ticket = open_ticket(api)

    edited = api.patch(f"/tickets/{ticket['id']}", json={"title": "  New  ", "description": " d "})

    assert (edited.json()["title"], edited.json()["description"]) == ("New", "d")
