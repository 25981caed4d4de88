from fastapi.testclient import TestClient

from tests.conftest import open_ticket


def test_new_ticket_is_open_unassigned_and_normal_priority(api: TestClient) -> None:
    ticket = open_ticket(api, description="  smoke everywhere ")

    assert ticket["status"] == "open"
    assert ticket["assignee"] is None
    assert ticket["priority"] == "normal"
    assert api.get(f"/tickets/{ticket['id']}").json() == ticket


def test_invalid_ticket_is_rejected(api: TestClient) -> None:
    assert api.post("/tickets", json={"title": " ", "requester_email": "a@b.io"}).status_code == 422
    assert api.post("/tickets", json={"title": "x", "requester_email": "nope"}).status_code == 422


def test_listing_filters_and_pages(api: TestClient) -> None:
    for title in ("a", "b", "c"):
        open_ticket(api, title, priority="high")
    open_ticket(api, "d")

    first = api.get("/tickets", params={"priority": "high"}).json()
    second = api.get("/tickets", params={"priority": "high", "offset": 2}).json()

    assert [t["title"] for t in first["items"]] == ["a", "b"]
    assert [t["title"] for t in second["items"]] == ["c"]
    assert first["total"] == 3


def test_status_transitions_are_enforced(api: TestClient) -> None:
    ticket = open_ticket(api)
    url = f"/tickets/{ticket['id']}/status"

    assert api.post(url, json={"status": "closed"}).status_code == 200
    assert api.post(url, json={"status": "open"}).status_code == 409


def test_closed_ticket_cannot_be_edited(api: TestClient) -> None:
    ticket = open_ticket(api)
    api.post(f"/tickets/{ticket['id']}/status", json={"status": "closed"})

    assert api.patch(f"/tickets/{ticket['id']}", json={"title": "new"}).status_code == 409


def test_customer_reply_reopens_pending_ticket(api: TestClient) -> None:
    ticket = open_ticket(api)
    api.post(f"/tickets/{ticket['id']}/status", json={"status": "pending"})

    api.post(
        f"/tickets/{ticket['id']}/comments", json={"author": "ann@example.com", "body": "still"}
    )

    assert api.get(f"/tickets/{ticket['id']}").json()["status"] == "open"


def test_internal_comments_are_hidden_by_default(api: TestClient) -> None:
    ticket = open_ticket(api)
    url = f"/tickets/{ticket['id']}/comments"
    api.post(url, json={"author": "bob", "body": "looking", "internal": True})
    api.post(url, json={"author": "bob", "body": "on it"})

    assert [c["body"] for c in api.get(url).json()] == ["on it"]
    assert len(api.get(url, params={"include_internal": True}).json()) == 2


def test_delete_removes_ticket(api: TestClient) -> None:
    ticket = open_ticket(api)

    assert api.delete(f"/tickets/{ticket['id']}").status_code == 204
    assert api.get(f"/tickets/{ticket['id']}").status_code == 404
    assert api.delete(f"/tickets/{ticket['id']}").status_code == 404


def test_stats_count_by_status(api: TestClient) -> None:
    open_ticket(api)
    closed = open_ticket(api)
    api.post(f"/tickets/{closed['id']}/status", json={"status": "closed"})

    assert api.get("/stats").json() == {
        "open": 1, "pending": 0, "resolved": 0, "closed": 1, "total": 2
    }


def test_search_matches_title_and_description(api: TestClient) -> None:
    open_ticket(api, "VPN down")
    open_ticket(api, "Laptop", description="cannot reach the vpn")
    open_ticket(api, "Coffee")

    found = api.get("/tickets/search", params={"q": "vpn"}).json()

    assert [t["title"] for t in found] == ["Laptop", "VPN down"]
