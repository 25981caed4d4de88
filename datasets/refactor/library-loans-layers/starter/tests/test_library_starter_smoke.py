"""The team's own smoke tests of the loans service."""

from datetime import date

from fastapi.testclient import TestClient

from library.api import create_app


def test_a_late_return_is_fined(tmp_path):
    today = [date(2026, 3, 2)]
    client = TestClient(create_app(tmp_path / "library.db", clock=lambda: today[0]))
    member = client.post("/members", json={"name": "Ada", "email": "ada@example.org"}).json()
    book = client.post("/books", json={"isbn": "978-0-13-468599-1", "title": "SICP"}).json()
    loan = client.post("/loans", json={"member_id": member["id"], "book_id": book["id"]}).json()
    assert loan["due_on"] == "2026-03-23"
    today[0] = date(2026, 3, 27)
    returned = client.post(f"/loans/{loan['id']}/return").json()
    assert returned["fine"] == "1.00"
    assert client.get(f"/members/{member['id']}").json()["balance"] == "1.00"


def test_the_overdue_report_lists_open_late_loans(tmp_path):
    today = [date(2026, 3, 2)]
    client = TestClient(create_app(tmp_path / "library.db", clock=lambda: today[0]))
    member = client.post("/members", json={"name": "Bo", "email": "bo@example.org",
                                           "kind": "child"}).json()
    book = client.post("/books", json={"isbn": "0131103628", "title": "K&R"}).json()
    client.post("/loans", json={"member_id": member["id"], "book_id": book["id"]})
    today[0] = date(2026, 3, 20)
    report = client.get("/reports/overdue").json()
    assert [entry["days_overdue"] for entry in report["loans"]] == [4]
    assert report["total_fines"] == "0.40"
