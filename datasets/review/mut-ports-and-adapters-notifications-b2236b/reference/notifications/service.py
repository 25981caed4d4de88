"""Shipping notifications; depends on the Notifier port only, never on an adapter."""

from notifications.ports import Notification, Notifier


class ShippingNotificationService:
    def __init__(self, notifier: Notifier) -> None:
        self._notifier = notifier

    def order_shipped(
        self, order_id: str, customer_email: str, tracking_code: str | None = None
    ) -> Notification:
        if not order_id:
            raise ValueError("order_id must not be empty")
        if "@" not in customer_email:
            raise ValueError(f"customer_email {customer_email!r} is not an email address")
        notification = Notification(
            recipient=customer_email,
            subject=f"Order {order_id} has shipped",
            body=_shipped_body(order_id, tracking_code),
        )
        self._notifier.send(notification)
        return notification


def _shipped_body(order_id: str, tracking_code: str | None) -> str:
    tracking = (
        f"Tracking code: {tracking_code}."
        if tracking_code
        else "Tracking details will follow."
    )
    return f"Your order {order_id} is on its way. {tracking}"
