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
        """
        order = self._orders.get(order_id)
        if order.status is OrderStatus.PAID:
            return self._existing_charge(order)
        try:
            charge = self._provider.create_charge(
                order.customer_id, order.amount_cents, f"Order {order.id}"
            )
        except PaymentDeclined:
            order.status = OrderStatus.DECLINED
            self._orders.save(order)
            raise
        order.status = OrderStatus.PAID
        order.charge_id = charge.id
        self._orders.save(order)
        return charge

    @staticmethod
    def _existing_charge(order: Order) -> Charge:
        assert order.charge_id is not None
        return Charge(
            id=order.charge_id, customer_id=order.customer_id, amount_cents=order.amount_cents
        )
