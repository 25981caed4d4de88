"""What the orders page shows today (pass-to-pass): the budget work must not change it."""

import pytest
from shop_fixtures import as_rows, busy_shop, new_shop

from shop.orders_page import OrderLine, OrderSummary, orders_page


def test_orders_newest_first_with_their_lines_and_totals() -> None:
    shop = new_shop()
    shop.add_product(1, "kettle")
    shop.add_product(2, "mug")
    shop.add_order(10, 1, "2024-01-05T09:00:00Z", [(1, 1, 2999), (2, 4, 450)])
    shop.add_order(11, 1, "2024-02-01T12:30:00Z", [(2, 2, 500)], status="shipped")

    page = orders_page(shop.connection, 1)

    assert page == [
        OrderSummary(11, "2024-02-01T12:30:00Z", "shipped", (OrderLine(2, "mug", 2, 500),), 1000),
        OrderSummary(
            10,
            "2024-01-05T09:00:00Z",
            "paid",
            (OrderLine(1, "kettle", 1, 2999), OrderLine(2, "mug", 4, 450)),
            4799,
        ),
    ]


def test_order_without_lines_is_shown_empty() -> None:
    shop = new_shop()
    shop.add_order(10, 1, "2024-01-05T09:00:00Z", [])

    assert orders_page(shop.connection, 1) == [
        OrderSummary(10, "2024-01-05T09:00:00Z", "paid", (), 0)
    ]


def test_line_of_a_deleted_product_is_shown_without_a_name() -> None:
    shop = new_shop()
    shop.add_product(1, "kettle")
    shop.add_product(2, "discontinued mug")
    shop.add_order(10, 1, "2024-01-05T09:00:00Z", [(2, 3, 450), (1, 1, 2999)])
    shop.delete_product(2)

    (order,) = orders_page(shop.connection, 1)

    assert order.lines == (OrderLine(2, None, 3, 450), OrderLine(1, "kettle", 1, 2999))
    assert order.total_cents == 4349


def test_orders_placed_at_the_same_time_show_the_higher_id_first() -> None:
    shop = new_shop()
    for order_id in (5, 9, 7):
        shop.add_order(order_id, 1, "2024-01-05T09:00:00Z", [])

    assert [order.order_id for order in orders_page(shop.connection, 1)] == [9, 7, 5]


def test_only_the_customers_own_orders_are_shown() -> None:
    shop = busy_shop(customer_orders=6, lines_per_order=2)

    assert as_rows(orders_page(shop.connection, 2)) == shop.expected_page(2, 20)
    assert orders_page(shop.connection, 3) == []


@pytest.mark.parametrize("limit", [1, 3, 7])
def test_limit_keeps_the_most_recent_orders_whole(limit: int) -> None:
    shop = busy_shop(customer_orders=7, lines_per_order=3)

    assert as_rows(orders_page(shop.connection, 1, limit=limit)) == shop.expected_page(1, limit)


def test_default_page_is_twenty_orders() -> None:
    shop = busy_shop(customer_orders=25, lines_per_order=1)

    assert as_rows(orders_page(shop.connection, 1)) == shop.expected_page(1, 20)
