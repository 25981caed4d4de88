"""The two entry points the request asks for: pricing on plain numbers, receipts from data."""

import importlib
import sqlite3
from datetime import UTC, datetime
from typing import Any

import pytest
from shop.orders import ValidationError, add_product, get_order, init_db, place_order


# The new modules are imported when a test calls them, not when this file is collected, so on
# code without a boundary each of its tests fails by name instead of stopping the whole run.
def price_order(*args: Any, **kwargs: Any) -> Any:
    return importlib.import_module("shop.pricing").price_order(*args, **kwargs)


def render_receipt(order: Any) -> Any:
    return importlib.import_module("shop.receipts").render_receipt(order)

MARCH_FIRST = datetime(2026, 3, 1, 10, 30, tzinfo=UTC)


def quote(lines, coupon=None, now=MARCH_FIRST):
    return price_order(lines, coupon, now=now)


def test_pricing_boundary_price_order_returns_the_four_totals():
    assert quote([(1250, 2)]) == {
        "subtotal_cents": 2500,
        "discount_cents": 0,
        "shipping_cents": 499,
        "total_cents": 2999,
    }


def test_pricing_boundary_price_order_bulk_discount_starts_at_ten_units():
    assert quote([(399, 9)])["subtotal_cents"] == 3591
    # 10 x 3.99 = 39.90, minus 5% rounded down (1.995 -> 1.99)
    assert quote([(399, 10)])["subtotal_cents"] == 3791
    assert quote([(399, 12), (1250, 2)])["subtotal_cents"] == 4549 + 2500


def test_pricing_boundary_price_order_free_shipping_from_exactly_50_00_after_discount():
    assert quote([(5000, 1)])["shipping_cents"] == 0
    assert quote([(4999, 1)]) == {
        "subtotal_cents": 4999,
        "discount_cents": 0,
        "shipping_cents": 499,
        "total_cents": 5498,
    }
    # 55.00 - 10% = 49.50: the threshold applies after the discount
    assert quote([(5500, 1)], "SAVE10")["shipping_cents"] == 499
    assert quote([(5556, 1)], "SAVE10")["shipping_cents"] == 0


def test_pricing_boundary_price_order_applies_coupons_as_place_order_does():
    assert quote([(1250, 1), (100, 2)], " save10 ")["discount_cents"] == 145
    assert quote([(1000, 2)], "FLAT500") == {
        "subtotal_cents": 2000,
        "discount_cents": 500,
        "shipping_cents": 499,
        "total_cents": 1999,
    }
    summer = quote([(1250, 4)], "summer15", now=datetime(2026, 8, 31, 23, 0, tzinfo=UTC))
    assert summer["discount_cents"] == 750


@pytest.mark.parametrize(
    "lines, coupon, now, message",
    [
        ([(1999, 1)], "FLAT500", MARCH_FIRST, "coupon FLAT500 needs a subtotal of at least 20.00"),
        ([(1250, 1)], "Bogus", MARCH_FIRST, "unknown coupon: Bogus"),
        (
            [(1250, 1)],
            "SUMMER15",
            datetime(2026, 9, 1, 0, 0, tzinfo=UTC),
            "coupon SUMMER15 expired on 2026-08-31",
        ),
    ],
)
def test_pricing_boundary_price_order_rejects_bad_coupons(lines, coupon, now, message):
    with pytest.raises(ValidationError) as raised:
        quote(lines, coupon, now=now)
    assert str(raised.value) == message


def test_pricing_boundary_price_order_percent_coupons_need_no_minimum_subtotal():
    assert quote([(0, 3)], "SAVE10") == {
        "subtotal_cents": 0,
        "discount_cents": 0,
        "shipping_cents": 499,
        "total_cents": 499,
    }
    assert quote([(1, 1)], "SUMMER15")["discount_cents"] == 0


def test_pricing_boundary_price_order_checks_coupons_now_when_no_time_is_given():
    # SAVE10 runs until 2099, so the current time accepts it.
    assert price_order([(1000, 1)], "SAVE10")["discount_cents"] == 100
    assert price_order([(1000, 1)])["shipping_cents"] == 499


def archived_order(**changes):
    order = {
        "order_id": 7,
        "email": "ivy@example.com",
        "coupon": "SAVE10",
        "subtotal_cents": 1450,
        "discount_cents": 145,
        "shipping_cents": 499,
        "total_cents": 1804,
        "status": "placed",
        "created_at": "2026-03-01T10:30:00+00:00",
        "lines": [
            {"sku": "W-1", "name": "Widget", "quantity": 1, "unit_price_cents": 1250,
             "line_total_cents": 1250},
            {"sku": "B-3", "name": "Bolt", "quantity": 2, "unit_price_cents": 100,
             "line_total_cents": 200},
        ],
    }
    return {**order, **changes}


def test_receipts_boundary_render_receipt_from_an_order_dict():
    assert render_receipt(archived_order()) == "\n".join(
        [
            "Order #7 for ivy@example.com",
            "Placed: 2026-03-01 10:30",
            "  1 x Widget (W-1) @ 12.50 = 12.50",
            "  2 x Bolt (B-3) @ 1.00 = 2.00",
            "Subtotal: 14.50",
            "Discount (SAVE10): -1.45",
            "Shipping: 4.99",
            "Total: 18.04",
        ]
    )


def test_receipts_boundary_render_receipt_free_shipping_cancelled_no_discount():
    order = archived_order(
        coupon=None, subtotal_cents=5005, discount_cents=0, shipping_cents=0, total_cents=5005,
        status="cancelled", lines=[{"sku": "P-9", "name": "Pump", "quantity": 1,
                                    "unit_price_cents": 5005, "line_total_cents": 5005}],
    )
    assert render_receipt(order).splitlines()[2:] == [
        "  1 x Pump (P-9) @ 50.05 = 50.05",
        "Subtotal: 50.05",
        "Shipping: free",
        "Total: 50.05",
        "Status: CANCELLED",
    ]


def test_receipts_boundary_render_receipt_matches_a_stored_order():
    conn = sqlite3.connect(":memory:")
    try:
        init_db(conn)
        add_product(conn, "G-2", "Gadget", 399, 50)
        order = place_order(conn, "bo@example.com", [{"sku": "G-2", "quantity": 12}],
                            coupon="SAVE10", now=MARCH_FIRST)
        receipt = render_receipt(get_order(conn, order["order_id"]))
    finally:
        conn.close()
    assert receipt.splitlines()[2:] == [
        "  12 x Gadget (G-2) @ 3.99 = 45.49",
        "Subtotal: 45.49",
        "Discount (SAVE10): -4.54",
        "Shipping: 4.99",
        "Total: 45.94",
    ]
