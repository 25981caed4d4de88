"""Order fulfilment use cases."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Protocol


@dataclass(frozen=True)
class Order:
    id: str
    customer_id: str
    status: str
    shipped_at: datetime | None = None


@dataclass(frozen=True)
class OrderShipped:
    order_id: str
    customer_id: str
    tracking_number: str
    shipped_at: datetime


class OrderNotFound(Exception):
    pass


class InvalidTransition(Exception):
    pass


class OrderRepository(Protocol):
    async def get(self, order_id: str) -> Order | None: ...

    async def save(self, order: Order) -> None: ...


class EventPublisher(Protocol):
    async def publish(self, event: OrderShipped) -> None: ...


class FulfilmentService:
    def __init__(self, orders: OrderRepository, events: EventPublisher) -> None:
        self._orders = orders
        self._events = events

    async def mark_shipped(self, order_id: str, tracking_number: str) -> Order:
        order = await self._orders.get(order_id)
        if order is None:
            raise OrderNotFound(order_id)
        if order.status != "paid":
            raise InvalidTransition(f"order {order_id} is {order.status}, expected paid")
        shipped_at = datetime.now(timezone.utc)
        shipped = replace(order, status="shipped", shipped_at=shipped_at)
        await self._orders.save(shipped)
        await self._events.publish(
            OrderShipped(order_id, order.customer_id, tracking_number, shipped_at)
        )
        return shipped
