"""Monthly subscription renewals, run by the scheduler every hour for due subscriptions."""

from billing.models import Charge, PaymentDeclined, Subscription
from billing.provider_client import ProviderClient, new_idempotency_key
from billing.stores import SubscriptionStore


class RenewalService:
    def __init__(self, subscriptions: SubscriptionStore, provider: ProviderClient) -> None:
        self._subscriptions = subscriptions
        self._provider = provider

    def renew(self, subscription_id: str, period: str) -> Charge:
        """Charges one month (`period` is "YYYY-MM") of the subscription.

        A period already paid is not charged again. PaymentDeclined and ProviderUnavailable
        propagate; the scheduler retries the renewal on its next run.
        """
        subscription = self._subscriptions.get(subscription_id)
        paid = self._paid_periods(subscription)
        if period in paid:
            return Charge(paid[period], subscription.customer_id, subscription.monthly_price_cents)
        key = self._charge_key(subscription, period)
        try:
            charge = self._provider.create_charge(
                subscription.customer_id,
                subscription.monthly_price_cents,
                f"Subscription {subscription.id} {period}",
                key,
            )
        except PaymentDeclined:
            # Final for this attempt: the next run (after a card update) is a new charge.
            del subscription.pending_charge_keys[period]
            self._subscriptions.save(subscription)
            raise
        paid[period] = charge.id
        self._subscriptions.save(subscription)
        return charge

    def _charge_key(self, subscription: Subscription, period: str) -> str:
        """The key of the period's attempt in flight, saved before calling so a retry finds it."""
        key = subscription.pending_charge_keys.setdefault(period, new_idempotency_key())
        self._subscriptions.save(subscription)
        return key

    @staticmethod
    def _paid_periods(subscription: Subscription) -> dict[str, str]:
        assert subscription.paid_periods is not None
        return subscription.paid_periods
