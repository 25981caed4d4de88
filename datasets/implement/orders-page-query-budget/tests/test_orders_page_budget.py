"""The query budget: at most 3 SQL statements per call, whatever the page holds."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from shop_fixtures import as_rows, busy_shop, new_shop

from shop.orders_page import orders_page

BUDGET = 3


@contextmanager
def counting_statements(connection: sqlite3.Connection) -> Iterator[list[str]]:
    statements: list[str] = []
    connection.set_trace_callback(statements.append)
    try:
        yield statements
    finally:
        connection.set_trace_callback(None)


def test_one_order_with_three_lines_is_within_budget() -> None:
    shop = new_shop()
    for product_id, name in [(1, "kettle"), (2, "mug"), (3, "teapot")]:
        shop.add_product(product_id, name)
    shop.add_order(10, 1, "2024-01-05T09:00:00Z", [(1, 1, 2999), (2, 4, 450), (3, 1, 1999)])

    with counting_statements(shop.connection) as statements:
        page = orders_page(shop.connection, 1)

    assert len(statements) <= BUDGET, statements
    assert as_rows(page) == shop.expected_page(1, 20)


@pytest.mark.parametrize(("orders", "lines"), [(2, 1), (20, 5), (60, 8)])
def test_statement_count_does_not_grow_with_the_page(orders: int, lines: int) -> None:
    shop = busy_shop(customer_orders=orders, lines_per_order=lines)

    with counting_statements(shop.connection) as statements:
        page = orders_page(shop.connection, 1, limit=orders)

    assert len(statements) <= BUDGET, statements
    assert as_rows(page) == shop.expected_page(1, orders)


def test_a_limited_page_of_a_long_history_is_within_budget_and_whole() -> None:
    shop = busy_shop(customer_orders=150, lines_per_order=4)

    with counting_statements(shop.connection) as statements:
        page = orders_page(shop.connection, 1, limit=50)

    assert len(statements) <= BUDGET, statements
    assert as_rows(page) == shop.expected_page(1, 50)


def test_default_page_is_within_budget() -> None:
    shop = busy_shop(customer_orders=30, lines_per_order=3)

    with counting_statements(shop.connection) as statements:
        page = orders_page(shop.connection, 1)

    assert len(statements) <= BUDGET, statements
    assert as_rows(page) == shop.expected_page(1, 20)


def test_other_customers_page_is_within_budget() -> None:
    shop = busy_shop(customer_orders=12, lines_per_order=2)

    with counting_statements(shop.connection) as statements:
        page = orders_page(shop.connection, 2, limit=5)

    assert len(statements) <= BUDGET, statements
    assert as_rows(page) == shop.expected_page(2, 5)
