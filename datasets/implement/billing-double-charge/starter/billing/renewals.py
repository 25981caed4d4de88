"""Monthly subscription renewals, run by the scheduler every hour for due subscriptions."""

from billing.models import Charge, Subscription
from billing.provider_client import ProviderClient
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
        charge = self._provider.create_charge(
            subscription.customer_id,
            subscription.monthly_price_cents,
            f"Subscription {subscription.id} {period}",
        )
        paid[period] = charge.id
        self._subscriptions.save(subscription)
        return charge

    @staticmethod
    def _paid_periods(subscription: Subscription) -> dict[str, str]:
        assert subscription.paid_periods is not None
        return subscription.paid_periods
