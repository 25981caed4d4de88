"""Paying for an order: what the checkout page calls when the customer clicks Pay."""

from billing.models import Charge, Order, OrderStatus, PaymentDeclined
from billing.provider_client import ProviderClient, new_idempotency_key
from billing.stores import OrderStore


class CheckoutService:
    def __init__(self, orders: OrderStore, provider: ProviderClient) -> None:
        self._orders = orders
        self._provider = provider

    def charge_order(self, order_id: str) -> Charge:
        """Charges the order's total and marks it paid.

        Raises PaymentDeclined (order marked declined; the customer may try again with the
        same order) or ProviderUnavailable (order stays pending; the page shows "try again").
        """
        order = self._orders.get(order_id)
        if order.status is OrderStatus.PAID:
            return self._existing_charge(order)
        key = self._charge_key(order)
        try:
            charge = self._provider.create_charge(
                order.customer_id, order.amount_cents, f"Order {order.id}", key
            )
        except PaymentDeclined:
            # A decline is final for this attempt: the customer's next try is a new charge.
            order.status = OrderStatus.DECLINED
            order.pending_charge_key = None
            self._orders.save(order)
            raise
        order.status = OrderStatus.PAID
        order.charge_id = charge.id
        self._orders.save(order)
        return charge

    def _charge_key(self, order: Order) -> str:
        """The key of the attempt in flight, saved before calling so a retry finds it."""
        if order.pending_charge_key is None:
            order.pending_charge_key = new_idempotency_key()
            self._orders.save(order)
        return order.pending_charge_key

    @staticmethod
    def _existing_charge(order: Order) -> Charge:
        assert order.charge_id is not None
        return Charge(
            id=order.charge_id, customer_id=order.customer_id, amount_cents=order.amount_cents
        )
