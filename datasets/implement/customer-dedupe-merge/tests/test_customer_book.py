"""Existing behaviour of the customer book, which must keep working."""

from datetime import datetime

import pytest

from crm.customers import Customer, CustomerBook, normalize_email


def _customer(customer_id: int, email: str) -> Customer:
    return Customer(customer_id, email, f"name {customer_id}", datetime(2024, 1, customer_id))


def test_normalize_email_strips_and_lowercases() -> None:
    assert normalize_email("  Ann.Lee@Example.COM \n") == "ann.lee@example.com"


def test_get_returns_the_added_customer_and_unknown_ids_raise() -> None:
    book = CustomerBook()
    ann = _customer(1, "ann@example.com")
    book.add(ann)
    assert book.get(1) == ann
    with pytest.raises(KeyError):
        book.get(2)


def test_adding_an_existing_id_is_refused() -> None:
    book = CustomerBook()
    book.add(_customer(1, "ann@example.com"))
    with pytest.raises(ValueError):
        book.add(_customer(1, "other@example.com"))
    assert book.get(1).email == "ann@example.com"


def test_all_lists_customers_by_id() -> None:
    book = CustomerBook()
    for customer_id in (3, 1, 2):
        book.add(_customer(customer_id, f"c{customer_id}@example.com"))
    assert [c.id for c in book.all()] == [1, 2, 3]


def test_find_by_email_matches_normalized_emails() -> None:
    book = CustomerBook()
    book.add(_customer(2, "Ann@Example.com"))
    book.add(_customer(1, " ann@example.com"))
    book.add(_customer(3, "bob@example.com"))
    assert [c.id for c in book.find_by_email("ANN@example.com ")] == [1, 2]
