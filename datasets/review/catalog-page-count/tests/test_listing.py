import sqlite3

import pytest

from catalog.listing import PageOutOfRange, list_category


@pytest.fixture
def connection() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE products (sku TEXT PRIMARY KEY, name TEXT, price TEXT, "
        "category_id INTEGER, active INTEGER)"
    )
    conn.executemany(
        "INSERT INTO products VALUES (?, ?, ?, ?, ?)",
        [(f"SKU{i:03d}", f"Product {i:03d}", "9.99", 1, 1) for i in range(25)]
        + [("OLD", "Discontinued", "1.00", 1, 0), ("OTHER", "Elsewhere", "2.00", 2, 1)],
    )
    return conn


def test_first_page(connection: sqlite3.Connection) -> None:
    page = list_category(connection, 1, page=1, page_size=10)
    assert [p.sku for p in page.items] == [f"SKU{i:03d}" for i in range(10)]
    assert page.total_items == 25


def test_page_count_includes_partial_last_page(connection: sqlite3.Connection) -> None:
    assert list_category(connection, 1, page=1, page_size=10).total_pages == 3


def test_last_partial_page_is_reachable(connection: sqlite3.Connection) -> None:
    second = list_category(connection, 1, page=2, page_size=10)
    assert second.has_next
    third = list_category(connection, 1, page=3, page_size=10)
    assert [p.sku for p in third.items] == [f"SKU{i:03d}" for i in range(20, 25)]
    assert not third.has_next


def test_every_product_appears_exactly_once_when_paging(connection: sqlite3.Connection) -> None:
    seen: list[str] = []
    page_number = 1
    while True:
        page = list_category(connection, 1, page=page_number, page_size=7)
        seen.extend(p.sku for p in page.items)
        if not page.has_next:
            break
        page_number += 1
    assert seen == [f"SKU{i:03d}" for i in range(25)]


def test_exact_multiple_has_no_empty_trailing_page(connection: sqlite3.Connection) -> None:
    page = list_category(connection, 1, page=5, page_size=5)
    assert page.total_pages == 5 and not page.has_next
    with pytest.raises(PageOutOfRange):
        list_category(connection, 1, page=6, page_size=5)


def test_empty_category_has_a_first_page(connection: sqlite3.Connection) -> None:
    page = list_category(connection, 99)
    assert page.items == [] and not page.has_next
