"""Builds the billing services the web app and the scheduler use."""

from dataclasses import dataclass

import httpx

from billing.checkout import CheckoutService
from billing.provider_client import ProviderClient
from billing.renewals import RenewalService
from billing.stores import OrderStore, SubscriptionStore


@dataclass(frozen=True)
class Billing:
    orders: OrderStore
    subscriptions: SubscriptionStore
    checkout: CheckoutService
    renewals: RenewalService


def build_billing(http: httpx.Client, max_attempts: int = 3) -> Billing:
    provider = ProviderClient(http, max_attempts=max_attempts)
    orders, subscriptions = OrderStore(), SubscriptionStore()
    return Billing(
        orders=orders,
        subscriptions=subscriptions,
        checkout=CheckoutService(orders, provider),
        renewals=RenewalService(subscriptions, provider),
    )
