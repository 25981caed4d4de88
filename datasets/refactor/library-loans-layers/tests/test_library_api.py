"""Public behaviour of the HTTP API that clients rely on (pass-to-pass)."""

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from library.api import create_app

START = date(2026, 3, 2)


class Clock:
    def __init__(self) -> None:
        self.today = START

    def __call__(self) -> date:
        return self.today


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def client(tmp_path, clock):
    return TestClient(create_app(tmp_path / "library.db", clock=clock))


def add_member(client, name="Ada", kind="adult"):
    response = client.post("/members", json={"name": name, "email": f"{name}@lib.org",
                                             "kind": kind})
    assert response.status_code == 201, response.text
    return response.json()


def add_book(client, isbn="0131103628", copies=1, author="Kernighan"):
    response = client.post("/books", json={"isbn": isbn, "title": "K&R", "author": author,
                                           "copies": copies})
    assert response.status_code == 201, response.text
    return response.json()


def borrow(client, member_id=1, book_id=1):
    return client.post("/loans", json={"member_id": member_id, "book_id": book_id})


def test_a_member_is_created_with_normalised_fields(client):
    response = client.post("/members", json={"name": " Ada ", "email": " ADA@Lib.org"})
    assert response.status_code == 201
    assert response.json() == {"id": 1, "name": "Ada", "email": "ada@lib.org", "kind": "adult",
                               "joined_on": "2026-03-02", "balance": "0.00", "open_loans": 0}
    again = client.post("/members", json={"name": "A", "email": "ada@lib.org"})
    assert (again.status_code, again.json()) == (409, {"detail": "email already registered"})


def test_a_book_is_catalogued_without_isbn_hyphens(client):
    book = add_book(client, isbn="978-0-13-468599-1", copies=2)
    assert book == {"id": 1, "isbn": "9780134685991", "title": "K&R", "author": "Kernighan",
                    "copies": 2, "available": 2}


def test_loans_limit_renew_and_overdue(client, clock):
    add_member(client, "Cy", kind="child")
    for number in range(1, 5):
        add_book(client, isbn=f"{number:010d}")
    loans = [borrow(client, 1, number) for number in range(1, 4)]
    assert [loan.json()["due_on"] for loan in loans] == ["2026-03-16"] * 3
    fourth = borrow(client, 1, 4)
    assert (fourth.status_code, fourth.json()) == (409, {"detail": "loan limit of 3 reached"})
    renewed = client.post("/loans/1/renew").json()
    assert (renewed["due_on"], renewed["renewals"]) == ("2026-03-30", 1)
    clock.today = START + timedelta(days=15)
    late = client.post("/loans/2/renew")
    assert (late.status_code, late.json()) == (409, {"detail": "overdue loans cannot be renewed"})
    assert client.get("/members/1/loans").json()[0]["overdue"] is True


def test_fines_block_borrowing_until_paid(client, clock):
    add_member(client)
    add_book(client)
    borrow(client)
    clock.today = START + timedelta(days=21 + 30)
    assert client.post("/loans/1/return").json()["fine"] == "7.50"
    blocked = borrow(client)
    assert (blocked.status_code, blocked.json()) == (
        402, {"detail": "outstanding fines of 7.50 must be paid first"})
    too_much = client.post("/members/1/payments", json={"amount": "8"})
    assert too_much.json() == {"detail": "payment exceeds the balance of 7.50"}
    paid = client.post("/members/1/payments", json={"amount": "2.51"})
    assert paid.json()["balance"] == "4.99"
    assert borrow(client).status_code == 201


def test_the_overdue_report_orders_by_lateness(client, clock):
    add_member(client, "Ada")
    add_member(client, "Cy", kind="child")
    add_book(client, isbn="0000000001", copies=2)
    borrow(client, 1, 1)
    clock.today = START + timedelta(days=3)
    borrow(client, 2, 1)
    clock.today = START + timedelta(days=40)
    report = client.get("/reports/overdue").json()
    assert report["as_of"] == "2026-04-11"
    assert [(e["member_name"], e["days_overdue"], e["fine"]) for e in report["loans"]] == [
        ("Cy", 23, "2.30"), ("Ada", 19, "4.75")]
    assert report["total_fines"] == "7.05"


def test_a_member_with_books_or_debts_cannot_be_removed(client, clock):
    add_member(client)
    add_book(client)
    borrow(client)
    assert client.delete("/members/1").json() == {"detail": "member still has books on loan"}
    clock.today = START + timedelta(days=25)
    client.post("/loans/1/return")
    assert client.delete("/members/1").json() == {"detail": "member has an unsettled balance"}
    client.post("/members/1/payments", json={"amount": "1.00"})
    assert client.delete("/members/1").status_code == 204
    assert client.get("/members/1").json() == {"detail": "member not found"}


def test_a_loan_renews_twice_then_no_more(client):
    add_member(client)
    add_book(client)
    borrow(client)
    dues = [client.post("/loans/1/renew").json()["due_on"] for _ in range(2)]
    assert dues == ["2026-04-13", "2026-05-04"]
    third = client.post("/loans/1/renew")
    assert (third.status_code, third.json()) == (409, {"detail": "renewal limit reached"})


def test_an_adult_holds_five_books_at_most(client):
    add_member(client)
    for number in range(1, 7):
        add_book(client, isbn=f"{number:010d}")
    assert [borrow(client, 1, number).status_code for number in range(1, 6)] == [201] * 5
    assert borrow(client, 1, 6).json() == {"detail": "loan limit of 5 reached"}
    assert client.get("/members/1").json()["open_loans"] == 5


def test_a_balance_of_exactly_five_blocks_borrowing(client, clock):
    add_member(client)
    add_book(client, copies=2)
    borrow(client)
    clock.today = START + timedelta(days=21 + 20)
    assert client.post("/loans/1/return").json()["fine"] == "5.00"
    assert borrow(client).status_code == 402
    client.post("/members/1/payments", json={"amount": "0.01"})
    assert borrow(client).status_code == 201


def test_copies_cannot_drop_below_those_on_loan(client):
    add_member(client)
    add_member(client, "Bo")
    add_book(client, copies=3)
    borrow(client, 1, 1)
    borrow(client, 2, 1)
    refused = client.patch("/books/1", json={"copies": 1})
    assert (refused.status_code, refused.json()) == (
        409, {"detail": "2 copies are on loan, cannot keep 1"})
    assert client.patch("/books/1", json={"copies": 2}).json()["available"] == 0
    assert client.get("/books", params={"available_only": "true"}).json() == []
    assert [b["id"] for b in client.get("/books", params={"author": "KERN"}).json()] == [1]
