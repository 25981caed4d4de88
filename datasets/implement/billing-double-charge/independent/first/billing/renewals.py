"""Monthly subscription renewals, run by the scheduler every hour for due subscriptions."""

from billing.models import Charge, PaymentDeclined, Subscription
from billing.provider_client import ProviderClient
from billing.stores import SubscriptionStore


class RenewalService:
    def __init__(self, subscriptions: SubscriptionStore, provider: ProviderClient) -> None:
        self._subscriptions = subscriptions
        self._provider = provider

    def renew(self, subscription_id: str, period: str) -> Charge:
        """Charges one month (`period` is "YYYY-MM") of the subscription.

        A period already paid is not charged again. PaymentDeclined and ProviderUnavailable
        propagate; the scheduler retries the renewal on its next run. A re-run after
        ProviderUnavailable reuses the idempotency key of the failed run, so a charge that did
        go through is recorded rather than made twice; after a decline the next run is a new
        charge.
        """
        subscription = self._subscriptions.get(subscription_id)
        paid = self._paid_periods(subscription)
        if period in paid:
            return Charge(paid[period], subscription.customer_id, subscription.monthly_price_cents)
        declined = self._declined_periods(subscription)
        try:
            charge = self._provider.create_charge(
                subscription.customer_id,
                subscription.monthly_price_cents,
                f"Subscription {subscription.id} {period}",
                idempotency_key=(
                    f"subscription-renewal:{subscription.id}:{period}"
                    f":attempt-{declined.get(period, 0) + 1}"
                ),
            )
        except PaymentDeclined:
            declined[period] = declined.get(period, 0) + 1
            self._subscriptions.save(subscription)
            raise
        paid[period] = charge.id
        self._subscriptions.save(subscription)
        return charge

    @staticmethod
    def _paid_periods(subscription: Subscription) -> dict[str, str]:
        assert subscription.paid_periods is not None
        return subscription.paid_periods

    @staticmethod
    def _declined_periods(subscription: Subscription) -> dict[str, int]:
        assert subscription.declined_periods is not None
        return subscription.declined_periods
