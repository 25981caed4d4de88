"""The two entry points the request asks for: the fine rule alone, and the lending rules
without HTTP. Modules are imported inside each test, so code without them fails test by test."""

import importlib
from datetime import date
from decimal import Decimal

import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient
from library.api import create_app

DUE = date(2026, 3, 10)
TODAY = date(2026, 3, 2)


def fine_for(due_on, returned_on, member_kind):
    return importlib.import_module("library.fines").fine_for(due_on, returned_on, member_kind)


def loan_service(db_path, clock):
    return importlib.import_module("library.service").LoanService(db_path, clock)


def library_error():
    return importlib.import_module("library.errors").LibraryError


@pytest.mark.parametrize(
    "returned_on, kind, fine",
    [
        (date(2026, 3, 1), "adult", "0.00"),
        (DUE, "adult", "0.00"),
        (date(2026, 3, 11), "adult", "0.00"),
        (date(2026, 3, 12), "adult", "0.50"),
        (date(2026, 3, 12), "child", "0.20"),
        (date(2026, 3, 15), "adult", "1.25"),
        (date(2026, 4, 18), "adult", "9.75"),
        (date(2026, 4, 19), "adult", "10.00"),
        (date(2026, 6, 1), "adult", "10.00"),
        (date(2026, 4, 18), "child", "3.90"),
        (date(2026, 4, 19), "child", "4.00"),
        (date(2026, 4, 20), "child", "4.00"),
    ],
)
def test_fines_boundary_fine_for_charges_late_days_after_the_grace_day_up_to_the_cap(
    returned_on, kind, fine
):
    result = fine_for(DUE, returned_on, kind)
    assert isinstance(result, Decimal)
    assert str(result) == fine


@pytest.fixture
def library(tmp_path):
    """A database set up through the API: two adults, a child, a one-copy and a two-copy book."""
    db_path = tmp_path / "library.db"
    client = TestClient(create_app(db_path, clock=lambda: TODAY))
    for name, kind in (("Ada", "adult"), ("Bo", "adult"), ("Cy", "child")):
        client.post("/members", json={"name": name, "email": f"{name}@lib.org", "kind": kind})
    client.post("/books", json={"isbn": "0131103628", "title": "K&R", "copies": 1})
    client.post("/books", json={"isbn": "9780134685991", "title": "Effective Java", "copies": 2})
    return db_path, client


def test_service_boundary_borrow_returns_the_loan_body_and_stores_it(library):
    db_path, client = library
    loan = loan_service(db_path, lambda: TODAY).borrow(3, 2)
    assert loan == {"id": 1, "member_id": 3, "book_id": 2, "borrowed_on": "2026-03-02",
                    "due_on": "2026-03-16", "returned_on": None, "renewals": 0,
                    "fine": "0.00", "overdue": False}
    assert client.get("/books/2").json()["available"] == 1
    assert client.get("/members/3/loans").json() == [loan]


def test_service_boundary_return_loan_charges_the_fine_as_of_the_clock(library):
    db_path, client = library
    loan_service(db_path, lambda: TODAY).borrow(1, 1)
    returned = loan_service(db_path, lambda: date(2026, 3, 27)).return_loan(1)
    assert returned["returned_on"] == "2026-03-27"
    assert returned["fine"] == "1.00"
    assert client.get("/members/1").json()["balance"] == "1.00"


@pytest.mark.parametrize(
    "calls, message",
    [
        ([("borrow", 9, 1)], "member not found"),
        ([("borrow", 1, 9)], "book not found"),
        ([("borrow", 1, 1), ("borrow", 2, 1)], "no copies available"),
        ([("borrow", 1, 1), ("borrow", 1, 1)], "member already has this book"),
        ([("return_loan", 4)], "loan not found"),
        ([("borrow", 1, 1), ("return_loan", 1), ("return_loan", 1)], "loan already returned"),
    ],
)
def test_service_boundary_refusals_raise_library_errors_not_http_errors(library, calls, message):
    db_path, _ = library
    service = loan_service(db_path, lambda: TODAY)
    *setup, (name, *args) = calls
    for setup_name, *setup_args in setup:
        getattr(service, setup_name)(*setup_args)
    with pytest.raises(library_error()) as raised:
        getattr(service, name)(*args)
    assert str(raised.value) == message
    assert not isinstance(raised.value, HTTPException)


def test_service_boundary_refuses_a_member_who_owes_too_much(library):
    db_path, _ = library
    loan_service(db_path, lambda: TODAY).borrow(2, 1)
    loan_service(db_path, lambda: date(2026, 5, 2)).return_loan(1)
    with pytest.raises(library_error()) as raised:
        loan_service(db_path, lambda: date(2026, 5, 2)).borrow(2, 2)
    assert str(raised.value) == "outstanding fines of 10.00 must be paid first"
