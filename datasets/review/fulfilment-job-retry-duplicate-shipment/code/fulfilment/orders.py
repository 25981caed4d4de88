"""Orders as the fulfilment worker sees them, stored in the shop's sqlite database."""

from __future__ import annotations

import enum
import json
import sqlite3
from dataclasses import asdict, dataclass

SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    payment_id TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    address TEXT NOT NULL,
    lines TEXT NOT NULL,
    shipment_id TEXT,
    tracking_number TEXT,
    failure TEXT
)
"""


class OrderStatus(enum.StrEnum):
    PAID = "paid"
    SHIPPED = "shipped"
    FULFILMENT_FAILED = "fulfilment_failed"


@dataclass(frozen=True)
class Address:
    name: str
    line1: str
    city: str
    postcode: str
    country: str
    line2: str = ""


@dataclass(frozen=True)
class OrderLine:
    sku: str
    quantity: int


@dataclass(frozen=True)
class Order:
    id: str
    status: OrderStatus
    payment_id: str
    amount_cents: int
    address: Address
    lines: tuple[OrderLine, ...]
    shipment_id: str | None = None
    tracking_number: str | None = None


class UnknownOrder(LookupError):
    pass


class OrderRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        with self._connection:
            self._connection.execute(SCHEMA)

    def add(self, order: Order) -> None:
        with self._connection:
            self._connection.execute(
                "INSERT INTO orders (id, status, payment_id, amount_cents, address, lines) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    order.id,
                    order.status.value,
                    order.payment_id,
                    order.amount_cents,
                    json.dumps(asdict(order.address)),
                    json.dumps([asdict(line) for line in order.lines]),
                ),
            )

    def get(self, order_id: str) -> Order:
        row = self._connection.execute(
            "SELECT id, status, payment_id, amount_cents, address, lines, shipment_id, "
            "tracking_number FROM orders WHERE id = ?",
            (order_id,),
        ).fetchone()
        if row is None:
            raise UnknownOrder(order_id)
        return Order(
            id=row[0],
            status=OrderStatus(row[1]),
            payment_id=row[2],
            amount_cents=row[3],
            address=Address(**json.loads(row[4])),
            lines=tuple(OrderLine(**line) for line in json.loads(row[5])),
            shipment_id=row[6],
            tracking_number=row[7],
        )

    def mark_shipped(self, order_id: str, shipment_id: str, tracking_number: str | None) -> None:
        with self._connection:
            self._connection.execute(
                "UPDATE orders SET status = ?, shipment_id = ?, tracking_number = ? WHERE id = ?",
                (OrderStatus.SHIPPED.value, shipment_id, tracking_number, order_id),
            )

    def mark_failed(self, order_id: str, reason: str) -> None:
        with self._connection:
            self._connection.execute(
                "UPDATE orders SET status = ?, failure = ? WHERE id = ?",
                (OrderStatus.FULFILMENT_FAILED.value, reason, order_id),
            )
