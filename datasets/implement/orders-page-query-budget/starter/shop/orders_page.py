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


def orders_page(
    connection: sqlite3.Connection, customer_id: int, limit: int = 20
) -> list[OrderSummary]:
    """The customer's `limit` most recent orders, newest first, each with its lines."""
    orders = connection.execute(
        "SELECT id, placed_at, status FROM orders WHERE customer_id = ?"
        " ORDER BY placed_at DESC, id DESC LIMIT ?",
        (customer_id, limit),
    ).fetchall()
    return [_summary(connection, *order) for order in orders]


def _summary(
    connection: sqlite3.Connection, order_id: int, placed_at: str, status: str
) -> OrderSummary:
    lines = tuple(_lines(connection, order_id))
    total = sum(line.quantity * line.unit_price_cents for line in lines)
    return OrderSummary(order_id, placed_at, status, lines, total)


def _lines(connection: sqlite3.Connection, order_id: int) -> list[OrderLine]:
    rows = connection.execute(
        "SELECT product_id, quantity, unit_price_cents FROM order_lines"
        " WHERE order_id = ? ORDER BY id",
        (order_id,),
    ).fetchall()
    return [OrderLine(pid, _product_name(connection, pid), qty, price) for pid, qty, price in rows]


def _product_name(connection: sqlite3.Connection, product_id: int) -> str | None:
    row = connection.execute("SELECT name FROM products WHERE id = ?", (product_id,)).fetchone()
    return None if row is None else row[0]
