import sqlite3

import pytest

from crm.customers import CustomerRepository


@pytest.fixture
def repository() -> CustomerRepository:
    repo = CustomerRepository(sqlite3.connect(":memory:"))
    repo.add(1, "Ada Lovelace", "ada@example.com")
    repo.add(1, "Alan Turing", "alan@example.com")
    repo.add(2, "Grace Hopper", "grace@other.example")
    return repo


def test_search_finds_matching_names_in_own_account(repository: CustomerRepository) -> None:
    names = [c.name for c in repository.search(1, "a")]
    assert names == ["Ada Lovelace", "Alan Turing"]


def test_search_treats_quote_payload_as_literal_text(repository: CustomerRepository) -> None:
    payload = "zzz' OR account_id = 2 OR name LIKE '"
    assert repository.search(1, payload) == []


def test_search_never_returns_other_accounts(repository: CustomerRepository) -> None:
    payload = "%' OR account_id = 2 OR name LIKE '"
    found = repository.search(1, payload)
    assert all(c.account_id == 1 for c in found)


def test_search_handles_apostrophes_in_names(repository: CustomerRepository) -> None:
    repository.add(1, "Conan O'Brien", "conan@example.com")
    try:
        found = repository.search(1, "O'Brien")
    except sqlite3.Error as exc:
        pytest.fail(f"search raised {exc!r} for a name containing an apostrophe")
    assert [c.name for c in found] == ["Conan O'Brien"]
