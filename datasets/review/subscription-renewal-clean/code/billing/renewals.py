"""Monthly subscription renewals, run every few minutes by the scheduler (possibly on two
workers at once during a deploy).

Periods are anchored on the day of the month the customer signed up; in shorter months the
period ends on the last day instead, and the next period returns to the anchor day.
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from typing import Protocol

logger = logging.getLogger(__name__)
MAX_CHARGE_ATTEMPTS = 3


@dataclass(frozen=True)
class Subscription:
    id: str
    customer_id: str
    price: Decimal
    currency: str
    anchor_day: int
    current_period_end: datetime


class ChargeFailed(Exception):
    """The renewal could not be charged this run; the subscription stays due."""


class GatewayTimeout(ChargeFailed):
    """The gateway did not answer; the charge may or may not have been made."""


class PaymentGateway(Protocol):
    def charge(self, customer_id: str, amount: Decimal, currency: str, idempotency_key: str) -> str:
        """Returns the charge id; the same key always refers to the same single charge.

        Raises ChargeFailed (e.g. a declined card) or GatewayTimeout.
        """


class SubscriptionStore(Protocol):
    def due(self, now: datetime) -> list[Subscription]: ...

    def advance_period(
        self, subscription_id: str, expected_end: datetime, new_end: datetime
    ) -> bool:
        """Move the period end only if it is still `expected_end`; False if it was not."""


def next_period_end(current_end: datetime, anchor_day: int) -> datetime:
    year, month = divmod(current_end.month, 12)
    year, month = current_end.year + year, month + 1
    day = min(anchor_day, calendar.monthrange(year, month)[1])
    return current_end.replace(year=year, month=month, day=day)


def renewal_key(subscription: Subscription) -> str:
    # One key per subscription period: every retry and every worker renewing this period
    # sends the same key, so the gateway charges at most once.
    return f"renewal:{subscription.id}:{subscription.current_period_end.isoformat()}"


class RenewalJob:
    def __init__(self, store: SubscriptionStore, gateway: PaymentGateway) -> None:
        self._store = store
        self._gateway = gateway

    def run(self, now: datetime) -> list[str]:
        """Renew every subscription whose period has ended; returns the renewed ids."""
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        now_utc = now.astimezone(timezone.utc)
        return [s.id for s in self._store.due(now_utc) if self._renew(s)]

    def _renew(self, subscription: Subscription) -> bool:
        try:
            self._charge(subscription)
        except ChargeFailed:
            # One failing customer must not block the others; this one is retried next run.
            logger.warning("renewal of %s failed", subscription.id, exc_info=True)
            return False
        new_end = next_period_end(subscription.current_period_end, subscription.anchor_day)
        advanced = self._store.advance_period(
            subscription.id, subscription.current_period_end, new_end
        )
        if not advanced:
            logger.info("subscription %s was renewed by another worker", subscription.id)
        return advanced

    def _charge(self, subscription: Subscription) -> str:
        key = renewal_key(subscription)
        for attempt in range(1, MAX_CHARGE_ATTEMPTS + 1):
            try:
                return self._gateway.charge(
                    subscription.customer_id, subscription.price, subscription.currency, key
                )
            except GatewayTimeout:
                logger.warning("charge %s timed out (attempt %d)", key, attempt)
        raise GatewayTimeout(f"no answer from the gateway for {key}")
