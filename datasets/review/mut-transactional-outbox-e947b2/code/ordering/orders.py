from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, insert

from ordering.schema import orders, outbox

_CENT = Decimal("0.01")


def place_order(engine: Engine, customer_email: str, amount: Decimal) -> int:
    # Order and event share one transaction, so the event exists exactly when the order does.
    with engine.begin() as connection:
        order_id: int = connection.execute(
            insert(orders)
            .values(customer_email=customer_email, amount=amount)
            .returning(orders.c.id)
        ).scalar_one()
        connection.execute(
            insert(outbox).values(
                event_type="order_placed",
                payload=_order_placed_payload(order_id, customer_email, amount),
            )
        )
    return order_id


def _order_placed_payload(order_id: int, customer_email: str, amount: Decimal) -> dict[str, Any]:
    return {
        "order_id": order_id,
        "customer_email": customer_email,
        "amount": str(amount.quantize(_CENT)),
    }
