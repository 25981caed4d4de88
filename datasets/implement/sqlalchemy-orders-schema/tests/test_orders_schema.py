from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shop.db import make_engine
from shop.models import Base, Customer, Order, OrderLine
from shop.totals import OrderNotFoundError, order_total, totals_by_customer


@pytest.fixture
def engine() -> Iterator[Engine]:
    engine = make_engine("sqlite://")
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


def line(sku: str, quantity: int, unit_price: str) -> OrderLine:
    return OrderLine(sku=sku, quantity=quantity, unit_price=Decimal(unit_price))


def customer(email: str = "ann@example.com", name: str = "Ann") -> Customer:
    return Customer(email=email, name=name)


def saved_order(session: Session, owner: Customer, *lines: OrderLine) -> int:
    order = Order(customer=owner, lines=list(lines))
    session.add(order)
    session.commit()
    return order.id


class SelectCounter:
    def __init__(self, engine: Engine) -> None:
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._on_execute)

    def _on_execute(self, *args: Any) -> None:
        statement: str = args[2]
        if statement.lstrip().upper().startswith("SELECT"):
            self.count += 1


def test_tables_are_created(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())

    assert {"customers", "orders", "order_lines"} <= tables


def test_relationships_link_both_ways(session: Session) -> None:
    ann = customer()
    order_id = saved_order(session, ann, line("BOOK", 1, "12.50"))
    session.expunge_all()

    order = session.get_one(Order, order_id)

    assert order.customer.email == "ann@example.com"
    assert order.customer.orders == [order]
    assert [(item.sku, item.order) for item in order.lines] == [("BOOK", order)]
    assert order.customer_id == order.customer.id


def test_unit_price_round_trips_as_exact_decimal(session: Session) -> None:
    order_id = saved_order(session, customer(), line("PEN", 3, "19.99"), line("INK", 1, "0.10"))
    session.expunge_all()

    prices = {item.sku: item.unit_price for item in session.get_one(Order, order_id).lines}

    assert prices == {"PEN": Decimal("19.99"), "INK": Decimal("0.10")}
    assert all(isinstance(price, Decimal) for price in prices.values())
    # Stored with two decimal places, so read back with two: "0.10", not "0.1" or "0.100".
    assert {sku: str(price) for sku, price in prices.items()} == {"PEN": "19.99", "INK": "0.10"}


def test_order_total_sums_quantity_times_price(session: Session) -> None:
    order_id = saved_order(session, customer(), line("PEN", 3, "19.99"), line("BAG", 1, "5.00"))

    total = order_total(session, order_id)

    assert total == Decimal("64.97")
    assert str(total) == "64.97"


def test_order_total_is_exact_for_amounts_floats_cannot_represent(session: Session) -> None:
    order_id = saved_order(
        session, customer(), line("A", 3, "0.10"), line("B", 1, "0.20"), line("C", 7, "1.01")
    )

    assert str(order_total(session, order_id)) == "7.57"


def test_order_without_lines_totals_zero(session: Session) -> None:
    order_id = saved_order(session, customer())

    assert str(order_total(session, order_id)) == "0.00"


def test_order_total_of_missing_order_raises(session: Session) -> None:
    saved_order(session, customer(), line("PEN", 1, "1.00"))

    with pytest.raises(OrderNotFoundError) as raised:
        order_total(session, 999)

    assert raised.value.order_id == 999


def test_order_total_counts_only_its_own_lines(session: Session) -> None:
    ann = customer()
    first = saved_order(session, ann, line("PEN", 2, "1.50"))
    saved_order(session, ann, line("PEN", 10, "1.50"))

    assert order_total(session, first) == Decimal("3.00")


def test_totals_by_customer_includes_everyone(session: Session) -> None:
    ann, bob, cid = customer("ann@x.io", "Ann"), customer("bob@x.io", "Bob"), customer("c@x.io")
    session.add(cid)
    saved_order(session, ann, line("PEN", 2, "1.25"), line("INK", 1, "3.10"))
    saved_order(session, ann, line("PEN", 1, "1.25"))
    saved_order(session, ann)
    saved_order(session, bob, line("BOOK", 4, "9.99"))

    totals = totals_by_customer(session)

    assert totals == {ann.id: Decimal("6.85"), bob.id: Decimal("39.96"), cid.id: Decimal("0")}
    assert {str(value) for value in totals.values()} == {"6.85", "39.96", "0.00"}


def test_totals_by_customer_on_empty_database_is_empty(session: Session) -> None:
    assert totals_by_customer(session) == {}


def test_each_function_runs_one_select(engine: Engine, session: Session) -> None:
    for index in range(5):
        owner = customer(f"c{index}@x.io")
        saved_order(session, owner, line("A", 1, "1.00"), line("B", 2, "2.00"))
        saved_order(session, owner, line("C", 3, "3.00"))
    order_id = saved_order(session, customer("last@x.io"), line("A", 1, "1.00"))
    counter = SelectCounter(engine)

    with Session(engine) as fresh:
        totals = totals_by_customer(fresh)
        after_totals = counter.count
        order_total(fresh, order_id)

    assert after_totals == 1
    assert counter.count == 2
    assert sorted(totals.values())[-1] == Decimal("14.00")


def test_duplicate_customer_email_is_rejected(session: Session) -> None:
    session.add(customer("ann@x.io"))
    session.commit()
    session.add(customer("ann@x.io", "Other Ann"))

    with pytest.raises(IntegrityError):
        session.commit()


def test_order_for_missing_customer_is_rejected(session: Session) -> None:
    session.add(Order(customer_id=12345))

    with pytest.raises(IntegrityError):
        session.commit()


@pytest.mark.parametrize(("quantity", "unit_price"), [(0, "1.00"), (-2, "1.00"), (1, "-0.01")])
def test_invalid_line_is_rejected(session: Session, quantity: int, unit_price: str) -> None:
    session.add(Order(customer=customer(), lines=[line("PEN", quantity, unit_price)]))

    with pytest.raises(IntegrityError):
        session.commit()


def test_free_line_is_allowed(session: Session) -> None:
    order_id = saved_order(session, customer(), line("GIFT", 1, "0.00"))

    assert order_total(session, order_id) == Decimal("0.00")


def test_same_sku_twice_in_one_order_is_rejected(session: Session) -> None:
    session.add(Order(customer=customer(), lines=[line("PEN", 1, "1.00"), line("PEN", 2, "1.00")]))

    with pytest.raises(IntegrityError):
        session.commit()


def test_same_sku_in_different_orders_is_allowed(session: Session) -> None:
    ann = customer()
    first = saved_order(session, ann, line("PEN", 1, "1.00"))
    second = saved_order(session, ann, line("PEN", 2, "1.00"))

    assert (order_total(session, first), order_total(session, second)) == (
        Decimal("1.00"),
        Decimal("2.00"),
    )


def test_deleting_an_order_deletes_its_lines(session: Session) -> None:
    ann = customer()
    doomed = saved_order(session, ann, line("PEN", 1, "1.00"), line("INK", 1, "2.00"))
    kept = saved_order(session, ann, line("BOOK", 1, "3.00"))

    session.delete(session.get_one(Order, doomed))
    session.commit()

    remaining = session.scalars(select(OrderLine.order_id)).all()
    assert remaining == [kept]
    assert session.scalar(select(func.count()).select_from(Order)) == 1
