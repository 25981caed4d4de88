"""Data for the "My orders" page.

Two statements whatever the page size: the page of orders, then all their lines with product
names in one go (a per-order or per-line query made the page cost 1 + orders + lines queries).
"""

import sqlite3
from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class OrderLine:
    product_id: int
    product_name: str | None  # None once the product has been deleted
    quantity: int
    unit_price_cents: int


@dataclass(frozen=True)
class OrderSummary:
    order_id: int
    placed_at: str
    status: str
    lines: tuple[OrderLine, ...]
    total_cents: int


def orders_page(
    connection: sqlite3.Connection, customer_id: int, limit: int = 20
) -> list[OrderSummary]:
    """The customer's `limit` most recent orders, newest first, each with its lines."""
    orders = connection.execute(
        "SELECT id, placed_at, status FROM orders WHERE customer_id = ?"
        " ORDER BY placed_at DESC, id DESC LIMIT ?",
        (customer_id, limit),
    ).fetchall()
    lines = _lines_by_order(connection, [order_id for order_id, _, _ in orders])
    return [
        _summary(order_id, placed_at, status, tuple(lines[order_id]))
        for order_id, placed_at, status in orders
    ]


def _summary(
    order_id: int, placed_at: str, status: str, lines: tuple[OrderLine, ...]
) -> OrderSummary:
    total = sum(line.quantity * line.unit_price_cents for line in lines)
    return OrderSummary(order_id, placed_at, status, lines, total)


def _lines_by_order(
    connection: sqlite3.Connection, order_ids: list[int]
) -> defaultdict[int, list[OrderLine]]:
    # The LIMIT stays on the orders query: limiting a join of orders and lines would cut lines.
    # LEFT JOIN: a line whose product was deleted is still shown, without a name.
    placeholders = ", ".join("?" * len(order_ids))
    rows = connection.execute(
        "SELECT line.order_id, line.product_id, product.name, line.quantity,"
        " line.unit_price_cents FROM order_lines AS line"
        " LEFT JOIN products AS product ON product.id = line.product_id"
        f" WHERE line.order_id IN ({placeholders}) ORDER BY line.id",
        order_ids,
    )
    grouped: defaultdict[int, list[OrderLine]] = defaultdict(list)
    for order_id, *line in rows:
        grouped[order_id].append(OrderLine(*line))
    return grouped
