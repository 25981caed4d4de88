from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from shop.models import Base, Customer, Order, OrderLine
from shop.summaries import recent_order_summaries


@pytest.fixture
def engine() -> Iterator[Engine]:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        customers = [Customer(id=c, name=f"Customer {c}") for c in range(1, 6)]
        session.add_all(customers)
        for n in range(1, 21):
            order = Order(id=n, customer=customers[n % 5], placed_on=date(2024, 5, 1) + timedelta(days=n))
            order.lines = [OrderLine(sku=f"SKU{k}", quantity=k, unit_price_cents=250) for k in (1, 2)]
            session.add(order)
        session.commit()
    yield engine
    engine.dispose()


class QueryCounter:
    def __init__(self, engine: Engine) -> None:
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *args: Any) -> None:
        self.count += 1


def test_summaries_are_correct(engine: Engine) -> None:
    with Session(engine) as session:
        summaries = recent_order_summaries(session, since=date(2024, 5, 19))
    assert [s.order_id for s in summaries] == [20, 19, 18]
    assert summaries[0].customer_name == "Customer 1"
    assert (summaries[0].item_count, summaries[0].total_cents) == (3, 750)


def test_query_count_does_not_grow_with_orders(engine: Engine) -> None:
    counter = QueryCounter(engine)
    with Session(engine) as session:
        summaries = recent_order_summaries(session, since=date(2024, 5, 1))
    assert len(summaries) == 20
    assert counter.count <= 3, f"{counter.count} queries for 20 orders"
