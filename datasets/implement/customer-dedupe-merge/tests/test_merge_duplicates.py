"""CustomerBook.merge_duplicates: one survivor per normalized email (the newest account)."""

from datetime import datetime

import pytest

from crm.customers import Customer, CustomerBook


def _book(*customers: Customer) -> CustomerBook:
    book = CustomerBook()
    for customer in customers:
        book.add(customer)
    return book


def _at(day: int, hour: int = 0) -> datetime:
    return datetime(2024, 3, day, hour)


def test_a_book_without_duplicates_is_left_alone() -> None:
    ann = Customer(1, "ann@example.com", "Ann", _at(1))
    bob = Customer(2, "bob@example.com", "Bob", _at(2))
    book = _book(ann, bob)
    assert book.merge_duplicates() == {}
    assert book.all() == [ann, bob]


def test_an_empty_book_merges_nothing() -> None:
    assert CustomerBook().merge_duplicates() == {}


def test_case_and_whitespace_variants_are_one_person() -> None:
    book = _book(
        Customer(1, "Ann@Example.com ", "Ann", _at(1)),
        Customer(2, "ann@example.com", "Ann L.", _at(2)),
    )
    merged = book.merge_duplicates()
    [survivor] = book.all()
    assert len(merged) == 1
    assert merged == {({1, 2} - {survivor.id}).pop(): survivor.id}


def test_the_newest_account_survives() -> None:
    # The newest account has the lower id: the survivor is chosen by created_at, not by id.
    old = Customer(7, "ann@example.com", "Ann (web)", _at(1))
    new = Customer(3, "ANN@example.com", "Ann (mobile)", _at(20))
    book = _book(old, new)
    assert book.merge_duplicates() == {7: 3}
    assert book.all() == [new]


def test_every_removed_id_points_at_the_one_survivor() -> None:
    book = _book(
        Customer(1, "ann@example.com", "a", _at(5)),
        Customer(2, " ann@example.com", "b", _at(9, 12)),
        Customer(3, "Ann@example.com", "c", _at(9, 8)),
        Customer(4, "bob@example.com", "d", _at(1)),
    )
    assert book.merge_duplicates() == {1: 2, 3: 2}
    assert [c.id for c in book.all()] == [2, 4]


def test_on_a_creation_tie_the_higher_id_survives() -> None:
    book = _book(
        Customer(5, "ann@example.com", "a", _at(4)),
        Customer(9, "ann@example.com", "b", _at(4)),
        Customer(2, "ann@example.com", "c", _at(4)),
    )
    assert book.merge_duplicates() == {2: 9, 5: 9}


def test_removed_customers_are_gone_from_every_lookup() -> None:
    book = _book(
        Customer(1, "ann@example.com", "Ann", _at(1)),
        Customer(2, "Ann@Example.com", "Ann", _at(2)),
    )
    merged = book.merge_duplicates()
    [(removed, kept)] = merged.items()
    with pytest.raises(KeyError):
        book.get(removed)
    assert [c.id for c in book.find_by_email("ann@example.com")] == [kept]


def test_the_survivor_is_kept_exactly_as_it_was() -> None:
    survivor = Customer(1, " Ann@Example.com", "Ann Lee", _at(30))
    book = _book(survivor, Customer(2, "ann@example.com", "A. Lee", _at(2)))
    book.merge_duplicates()
    assert book.get(1) == survivor


def test_groups_are_merged_independently() -> None:
    book = _book(
        Customer(1, "ann@example.com", "a", _at(1)),
        Customer(2, "bob@example.com", "b", _at(3)),
        Customer(3, "ann@example.com", "c", _at(2)),
        Customer(4, "bob@example.com", "d", _at(1)),
        Customer(5, "cy@example.com", "e", _at(1)),
    )
    assert book.merge_duplicates() == {1: 3, 4: 2}
    assert [c.id for c in book.all()] == [2, 3, 5]


def test_a_second_run_finds_nothing_to_merge() -> None:
    book = _book(
        Customer(1, "ann@example.com", "a", _at(1)),
        Customer(2, "ann@example.com", "b", _at(2)),
    )
    book.merge_duplicates()
    assert book.merge_duplicates() == {}
    assert [c.id for c in book.all()] == [2]
