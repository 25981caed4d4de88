"""Orders in SQLite. Timestamps are stored as UTC text, 'YYYY-MM-DD HH:MM:SS'."""

import sqlite3
from datetime import UTC, date, datetime, tzinfo

from sales.business_days import day_range
from sales.models import Order

SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    id TEXT PRIMARY KEY,
    store_id TEXT NOT NULL,
    total_cents INTEGER NOT NULL,
    placed_at TEXT NOT NULL,
    refunded INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS orders_by_store_time ON orders (store_id, placed_at);
"""
STORED_FORMAT = "%Y-%m-%d %H:%M:%S"


def to_stored(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(UTC).strftime(STORED_FORMAT)


def from_stored(text: str) -> datetime:
    return datetime.strptime(text, STORED_FORMAT).replace(tzinfo=UTC)


class OrderRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        connection.executescript(SCHEMA)

    def add(self, order: Order) -> None:
        with self._connection:
            self._connection.execute(
                "INSERT INTO orders (id, store_id, total_cents, placed_at, refunded) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    order.id,
                    order.store_id,
                    order.total_cents,
                    to_stored(order.placed_at),
                    int(order.refunded),
                ),
            )

    def mark_refunded(self, order_id: str) -> None:
        with self._connection:
            self._connection.execute("UPDATE orders SET refunded = 1 WHERE id = ?", (order_id,))

    def placed_on(self, store_id: str, day: date, zone: tzinfo = UTC) -> list[Order]:
        """The store's orders of `day`, oldest first, `day` being the calendar day in `zone`:
        pass the store's zone (`StoreDirectory.zone`), since the stored timestamps are UTC."""
        start, end = day_range(day, day, zone)
        return self.placed_between(store_id, start, end)

    def placed_between(self, store_id: str, start: datetime, end: datetime) -> list[Order]:
        """The store's orders placed in [start, end), oldest first."""
        rows = self._connection.execute(
            "SELECT * FROM orders WHERE store_id = ? AND placed_at >= ? AND placed_at < ? "
            "ORDER BY placed_at, id",
            (store_id, to_stored(start), to_stored(end)),
        )
        return [_order_from(row) for row in rows]


def _order_from(row: tuple[str, str, int, str, int]) -> Order:
    order_id, store_id, total_cents, placed_at, refunded = row
    return Order(order_id, store_id, total_cents, from_stored(placed_at), bool(refunded))
