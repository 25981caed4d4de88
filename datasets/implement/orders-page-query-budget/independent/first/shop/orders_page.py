"""Data for the "My orders" page."""

import sqlite3
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


# One statement for the whole page, whatever the number of orders or lines: the page of orders
# is cut first (so `limit` counts orders, not lines), then joined to all of their lines and to
# the products; LEFT JOINs keep orders without lines and lines whose product was deleted.
_PAGE_QUERY = """
WITH page AS (
    SELECT id, placed_at, status FROM orders
    WHERE customer_id = ?
    ORDER BY placed_at DESC, id DESC
    LIMIT ?
)
SELECT page.id, page.placed_at, page.status,
       line.id, line.product_id, product.name, line.quantity, line.unit_price_cents
FROM page
LEFT JOIN order_lines AS line ON line.order_id = page.id
LEFT JOIN products AS product ON product.id = line.product_id
ORDER BY page.placed_at DESC, page.id DESC, line.id
"""


def orders_page(
    connection: sqlite3.Connection, customer_id: int, limit: int = 20
) -> list[OrderSummary]:
    """The customer's `limit` most recent orders, newest first, each with its lines.

    Issues a single SQL statement.
    """
    rows = connection.execute(_PAGE_QUERY, (customer_id, limit)).fetchall()
    orders: dict[int, tuple[str, str]] = {}
    lines: dict[int, list[OrderLine]] = {}
    for order_id, placed_at, status, line_id, product_id, name, quantity, price in rows:
        if order_id not in orders:
            orders[order_id] = (placed_at, status)
            lines[order_id] = []
        if line_id is not None:
            lines[order_id].append(OrderLine(product_id, name, quantity, price))
    return [
        OrderSummary(
            order_id,
            placed_at,
            status,
            tuple(lines[order_id]),
            sum(line.quantity * line.unit_price_cents for line in lines[order_id]),
        )
        for order_id, (placed_at, status) in orders.items()
    ]
