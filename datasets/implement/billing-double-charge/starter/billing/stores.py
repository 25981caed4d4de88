"""In-memory stores. Production swaps these for the Postgres repositories (same methods).

They hand out and keep copies, as a database would: a change to an order is stored only when
it is saved.
"""

from copy import deepcopy

from billing.models import Order, Subscription


class OrderNotFound(KeyError):
    pass


class SubscriptionNotFound(KeyError):
    pass


class OrderStore:
    def __init__(self) -> None:
        self._orders: dict[str, Order] = {}

    def add(self, order: Order) -> None:
        self._orders[order.id] = deepcopy(order)

    def get(self, order_id: str) -> Order:
        try:
            return deepcopy(self._orders[order_id])
        except KeyError:
            raise OrderNotFound(order_id) from None

    def save(self, order: Order) -> None:
        self._orders[order.id] = deepcopy(order)


class SubscriptionStore:
    def __init__(self) -> None:
        self._subscriptions: dict[str, Subscription] = {}

    def add(self, subscription: Subscription) -> None:
        self._subscriptions[subscription.id] = deepcopy(subscription)

    def get(self, subscription_id: str) -> Subscription:
        try:
            return deepcopy(self._subscriptions[subscription_id])
        except KeyError:
            raise SubscriptionNotFound(subscription_id) from None

    def save(self, subscription: Subscription) -> None:
        self._subscriptions[subscription.id] = deepcopy(subscription)
