from decimal import Decimal

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from shop.models import Customer, Money, Order, OrderLine

_CENT = Decimal("0.01")


class OrderNotFoundError(Exception):
    def __init__(self, order_id: int) -> None:
        super().__init__(f"no order with id {order_id}")
        self.order_id = order_id


def _sum_of_line_amounts() -> ColumnElement[Decimal]:
    line_amount = OrderLine.quantity * OrderLine.unit_price
    return func.coalesce(func.sum(line_amount), 0, type_=Money)


def _to_cents(amount: Decimal) -> Decimal:
    # Backends differ in the scale they return for SUM(); normalise to two places.
    return Decimal(amount).quantize(_CENT)


def order_total(session: Session, order_id: int) -> Decimal:
    # Outer join so an order without lines still yields a row: no row means no order.
    statement = (
        select(_sum_of_line_amounts())
        .select_from(Order)
        .outerjoin(Order.lines)
        .where(Order.id == order_id)
        .group_by(Order.id)
    )
    total = session.execute(statement).scalar_one_or_none()
    if total is None:
        raise OrderNotFoundError(order_id)
    return _to_cents(total)


def totals_by_customer(session: Session) -> dict[int, Decimal]:
    statement = (
        select(Customer.id, _sum_of_line_amounts())
        .select_from(Customer)
        .outerjoin(Customer.orders)
        .outerjoin(Order.lines)
        .group_by(Customer.id)
    )
    return {customer_id: _to_cents(total) for customer_id, total in session.execute(statement)}
