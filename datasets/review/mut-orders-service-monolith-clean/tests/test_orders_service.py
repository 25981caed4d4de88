import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from shop.orders import (
    OrderError,
    OrderNotFoundError,
    OutOfStockError,
    ValidationError,
    add_product,
    cancel_order,
    format_receipt,
    get_order,
    get_stock,
    init_db,
    place_order,
)

MARCH_FIRST = datetime(2026, 3, 1, 10, 30, tzinfo=UTC)


@pytest.fixture
def conn():
    connection = sqlite3.connect(":memory:")
    init_db(connection)
    add_product(connection, "W-1", "Widget", 1250, 20)
    add_product(connection, "G-2", "Gadget", 399, 50)
    add_product(connection, "B-3", "Bolt", 100, 5)
    yield connection
    connection.close()


def test_order_below_free_shipping_threshold_pays_shipping(conn):
    order = place_order(
        conn, "Alice@Example.com", [{"sku": "W-1", "quantity": 2}], now=MARCH_FIRST
    )
    assert order["email"] == "alice@example.com"
    assert order["status"] == "placed"
    assert order["subtotal_cents"] == 2500
    assert order["discount_cents"] == 0
    assert order["shipping_cents"] == 499
    assert order["total_cents"] == 2999
    assert isinstance(order["order_id"], int)


def test_percent_coupon_and_bulk_line_discount(conn):
    order = place_order(
        conn,
        "bob@example.com",
        [{"sku": "G-2", "quantity": 12}, {"sku": "W-1", "quantity": 2}],
        coupon=" save10 ",
        now=MARCH_FIRST,
    )
    # 12 x 3.99 = 47.88, minus 5% bulk (floor 2.39) = 45.49; plus 25.00
    assert order["subtotal_cents"] == 7049
    assert order["discount_cents"] == 704
    assert order["shipping_cents"] == 0
    assert order["total_cents"] == 6345


def test_duplicate_skus_are_merged_into_one_line(conn):
    order = place_order(
        conn,
        "carol@example.com",
        [{"sku": "B-3", "quantity": 2}, {"sku": "B-3", "quantity": 3}],
        now=MARCH_FIRST,
    )
    stored = get_order(conn, order["order_id"])
    assert stored["lines"] == [
        {
            "sku": "B-3",
            "name": "Bolt",
            "quantity": 5,
            "unit_price_cents": 100,
            "line_total_cents": 500,
        }
    ]
    assert get_stock(conn, "B-3") == 0


def test_flat_coupon_needs_minimum_subtotal(conn):
    with pytest.raises(ValidationError):
        place_order(
            conn, "dan@example.com", [{"sku": "G-2", "quantity": 1}], coupon="FLAT500",
            now=MARCH_FIRST,
        )
    order = place_order(
        conn, "dan@example.com", [{"sku": "W-1", "quantity": 2}], coupon="FLAT500",
        now=MARCH_FIRST,
    )
    assert order["discount_cents"] == 500
    assert order["total_cents"] == 2000 + 499


def test_expired_and_unknown_coupons_are_rejected(conn):
    september = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
    august = datetime(2026, 8, 31, 23, 0, tzinfo=UTC)
    with pytest.raises(ValidationError):
        place_order(conn, "e@example.com", [{"sku": "W-1", "quantity": 1}],
                    coupon="SUMMER15", now=september)
    with pytest.raises(ValidationError):
        place_order(conn, "e@example.com", [{"sku": "W-1", "quantity": 1}],
                    coupon="BOGUS", now=MARCH_FIRST)
    order = place_order(conn, "e@example.com", [{"sku": "W-1", "quantity": 4}],
                        coupon="SUMMER15", now=august)
    assert order["discount_cents"] == 750
    assert get_stock(conn, "W-1") == 16


@pytest.mark.parametrize(
    "email, items",
    [
        ("not-an-email", [{"sku": "W-1", "quantity": 1}]),
        ("a@localhost", [{"sku": "W-1", "quantity": 1}]),
        ("@example.com", [{"sku": "W-1", "quantity": 1}]),
        ("f@example.com", []),
        ("f@example.com", [{"sku": "W-1", "quantity": 0}]),
        ("f@example.com", [{"sku": "W-1", "quantity": 1.5}]),
        ("f@example.com", [{"sku": "W-1"}]),
        ("f@example.com", [{"sku": "NOPE", "quantity": 1}]),
    ],
)
def test_invalid_orders_raise_validation_error(conn, email, items):
    with pytest.raises(ValidationError):
        place_order(conn, email, items, now=MARCH_FIRST)
    assert get_stock(conn, "W-1") == 20


def test_out_of_stock_reserves_nothing(conn):
    with pytest.raises(OutOfStockError):
        place_order(
            conn,
            "g@example.com",
            [{"sku": "W-1", "quantity": 3}, {"sku": "B-3", "quantity": 6}],
            now=MARCH_FIRST,
        )
    assert get_stock(conn, "W-1") == 20
    assert get_stock(conn, "B-3") == 5
    assert issubclass(OutOfStockError, OrderError)


def test_cancel_restores_stock_and_cannot_repeat(conn):
    order = place_order(conn, "h@example.com", [{"sku": "G-2", "quantity": 10}], now=MARCH_FIRST)
    assert order["subtotal_cents"] == 3990 - 199  # bulk discount starts at exactly 10 units
    assert get_stock(conn, "G-2") == 40
    cancel_order(conn, order["order_id"])
    assert get_stock(conn, "G-2") == 50
    assert get_order(conn, order["order_id"])["status"] == "cancelled"
    with pytest.raises(OrderError):
        cancel_order(conn, order["order_id"])
    assert get_stock(conn, "G-2") == 50


def test_missing_order_raises_not_found(conn):
    with pytest.raises(OrderNotFoundError):
        get_order(conn, 999)
    with pytest.raises(OrderNotFoundError):
        cancel_order(conn, 999)
    with pytest.raises(OrderNotFoundError):
        format_receipt(conn, 999)


def test_receipt_text(conn):
    order = place_order(
        conn,
        "ivy@example.com",
        [{"sku": "W-1", "quantity": 1}, {"sku": "B-3", "quantity": 2}],
        coupon="SAVE10",
        now=MARCH_FIRST,
    )
    expected = "\n".join(
        [
            f"Order #{order['order_id']} for ivy@example.com",
            "Placed: 2026-03-01 10:30",
            "  1 x Widget (W-1) @ 12.50 = 12.50",
            "  2 x Bolt (B-3) @ 1.00 = 2.00",
            "Subtotal: 14.50",
            "Discount (SAVE10): -1.45",
            "Shipping: 4.99",
            "Total: 18.04",
        ]
    )
    assert format_receipt(conn, order["order_id"]) == expected


def test_receipt_of_cancelled_order_with_free_shipping(conn):
    order = place_order(conn, "jo@example.com", [{"sku": "W-1", "quantity": 4}], now=MARCH_FIRST)
    cancel_order(conn, order["order_id"])
    receipt = format_receipt(conn, order["order_id"]).splitlines()
    assert receipt[-3:] == ["Shipping: free", "Total: 50.00", "Status: CANCELLED"]
    assert not any(line.startswith("Discount") for line in receipt)


def test_orders_persist_across_connections(tmp_path: Path):
    db_path = tmp_path / "shop.db"
    first = sqlite3.connect(db_path)
    init_db(first)
    add_product(first, "W-1", "Widget", 1250, 3)
    order = place_order(first, "kim@example.com", [{"sku": "W-1", "quantity": 3}], now=MARCH_FIRST)
    first.close()
    second = sqlite3.connect(db_path)
    try:
        init_db(second)
        stored = get_order(second, order["order_id"])
        assert stored["total_cents"] == 3750 + 499
        assert stored["created_at"] == MARCH_FIRST.isoformat()
        assert stored["coupon"] is None
        assert get_stock(second, "W-1") == 0
    finally:
        second.close()


def test_add_product_rejects_bad_values_and_updates_existing(conn):
    with pytest.raises(ValidationError):
        add_product(conn, "", "Nameless", 100, 1)
    with pytest.raises(ValidationError):
        add_product(conn, "X-1", "Negative", -1, 1)
    with pytest.raises(ValidationError):
        add_product(conn, "X-1", "Negative stock", 100, -1)
    with pytest.raises(ValidationError):
        get_stock(conn, "X-1")
    add_product(conn, "B-3", "Bolt", 100, 42)
    assert get_stock(conn, "B-3") == 42
