"""The dashboard's tiles: aggregates over a merchant's orders of the last 30 days.

Each tile scans the merchant's orders in the window; for the large merchants that is a few
seconds of database time per tile, which is why tiles are cached (see `insights.cache`).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Mapping
from contextlib import closing
from dataclasses import dataclass, field

WINDOW_SECONDS = 30 * 24 * 3600

SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    merchant_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    total_cents INTEGER NOT NULL,
    refunded INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS order_lines (
    order_id INTEGER NOT NULL REFERENCES orders (id),
    sku TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_by_merchant ON orders (merchant_id, created_at);
"""


@dataclass(frozen=True)
class Tile:
    name: str
    title: str
    data: Mapping[str, object] = field(default_factory=dict)


Connect = Callable[[], sqlite3.Connection]
TileComputer = Callable[[str], Tile]


class TileQueries:
    def __init__(self, connect: Connect, now: Callable[[], float] = time.time) -> None:
        self._connect = connect
        self._now = now

    def computers(self) -> dict[str, TileComputer]:
        return {
            "revenue": self.revenue,
            "top-products": self.top_products,
            "refund-rate": self.refund_rate,
            "repeat-customers": self.repeat_customers,
        }

    def revenue(self, merchant_id: str) -> Tile:
        row = self._one(
            "SELECT COUNT(*), COALESCE(SUM(total_cents), 0) FROM orders "
            "WHERE merchant_id = ? AND created_at >= ? AND refunded = 0",
            (merchant_id, self._window_start()),
        )
        orders, revenue_cents = row
        average = revenue_cents // orders if orders else 0
        return Tile(
            "revenue",
            "Revenue, last 30 days",
            {"orders": orders, "revenue_cents": revenue_cents, "average_order_cents": average},
        )

    def top_products(self, merchant_id: str, limit: int = 5) -> Tile:
        with closing(self._connect()) as connection:
            rows = connection.execute(
                "SELECT l.sku, SUM(l.quantity), SUM(l.amount_cents) FROM order_lines l "
                "JOIN orders o ON o.id = l.order_id "
                "WHERE o.merchant_id = ? AND o.created_at >= ? AND o.refunded = 0 "
                "GROUP BY l.sku ORDER BY SUM(l.amount_cents) DESC, l.sku LIMIT ?",
                (merchant_id, self._window_start(), limit),
            ).fetchall()
        products = [
            {"sku": sku, "units": units, "revenue_cents": cents} for sku, units, cents in rows
        ]
        return Tile("top-products", "Top products, last 30 days", {"products": products})

    def refund_rate(self, merchant_id: str) -> Tile:
        orders, refunded = self._one(
            "SELECT COUNT(*), COALESCE(SUM(refunded), 0) FROM orders "
            "WHERE merchant_id = ? AND created_at >= ?",
            (merchant_id, self._window_start()),
        )
        rate = round(refunded / orders, 4) if orders else 0.0
        return Tile(
            "refund-rate",
            "Refund rate, last 30 days",
            {"orders": orders, "refunded": refunded, "rate": rate},
        )

    def repeat_customers(self, merchant_id: str) -> Tile:
        """Customers of the window who had ordered from the merchant before it started."""
        start = self._window_start()
        customers, returning = self._one(
            "SELECT COUNT(*), COALESCE(SUM(is_returning), 0) FROM ("
            "  SELECT o.customer_id, EXISTS ("
            "    SELECT 1 FROM orders p WHERE p.merchant_id = o.merchant_id "
            "    AND p.customer_id = o.customer_id AND p.created_at < ?"
            "  ) AS is_returning "
            "  FROM orders o WHERE o.merchant_id = ? AND o.created_at >= ? "
            "  GROUP BY o.customer_id"
            ")",
            (start, merchant_id, start),
        )
        share = round(returning / customers, 4) if customers else 0.0
        return Tile(
            "repeat-customers",
            "Returning customers, last 30 days",
            {"customers": customers, "returning": returning, "share": share},
        )

    def _window_start(self) -> int:
        return int(self._now()) - WINDOW_SECONDS

    def _one(self, sql: str, params: tuple[object, ...]) -> tuple[int, int]:
        with closing(self._connect()) as connection:
            first, second = connection.execute(sql, params).fetchone()
        return int(first), int(second)
