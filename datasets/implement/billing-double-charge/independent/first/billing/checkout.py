"""Paying for an order: what the checkout page calls when the customer clicks Pay."""

from billing.models import Charge, Order, OrderStatus, PaymentDeclined
from billing.provider_client import ProviderClient
from billing.stores import OrderStore


class CheckoutService:
    def __init__(self, orders: OrderStore, provider: ProviderClient) -> None:
        self._orders = orders
        self._provider = provider

    def charge_order(self, order_id: str) -> Charge:
        """Charges the order's total and marks it paid.

        Raises PaymentDeclined (order marked declined; the customer may try again with the
        same order) or ProviderUnavailable (order stays pending; the page shows "try again").

        Paying the same order again after ProviderUnavailable reuses the idempotency key of
        the failed attempt, so if that attempt did reach the provider, the order ends up paid
        with its charge instead of being charged twice. Only after a decline does a new
        attempt become a new charge.
        """
        order = self._orders.get(order_id)
        if order.status is OrderStatus.PAID:
            return self._existing_charge(order)
        try:
            charge = self._provider.create_charge(
                order.customer_id,
                order.amount_cents,
                f"Order {order.id}",
                idempotency_key=self._idempotency_key(order),
            )
        except PaymentDeclined:
            order.status = OrderStatus.DECLINED
            order.declined_attempts += 1
            self._orders.save(order)
            raise
        order.status = OrderStatus.PAID
        order.charge_id = charge.id
        self._orders.save(order)
        return charge

    @staticmethod
    def _idempotency_key(order: Order) -> str:
        return f"order-payment:{order.id}:attempt-{order.declined_attempts + 1}"

    @staticmethod
    def _existing_charge(order: Order) -> Charge:
        assert order.charge_id is not None
        return Charge(
            id=order.charge_id, customer_id=order.customer_id, amount_cents=order.amount_cents
        )
