"""Order summaries for the customer-service dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from shop.models import Order


@dataclass(frozen=True)
class OrderSummary:
    order_id: int
    customer_name: str
    placed_on: date
    item_count: int
    total_cents: int


def summarise(order: Order) -> OrderSummary:
    return OrderSummary(
        order_id=order.id,
        customer_name=order.customer.name,
        placed_on=order.placed_on,
        item_count=sum(line.quantity for line in order.lines),
        total_cents=sum(line.quantity * line.unit_price_cents for line in order.lines),
    )


def recent_order_summaries(session: Session, since: date, limit: int = 50) -> list[OrderSummary]:
    """Orders placed on or after `since`, newest first."""
    orders = session.scalars(
        select(Order)
        .options(joinedload(Order.customer), selectinload(Order.lines))
        .where(Order.placed_on >= since)
        .order_by(Order.placed_on.desc(), Order.id.desc())
        .limit(limit)
    ).all()
    return [summarise(order) for order in orders]
