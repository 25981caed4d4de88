"""Card payments at checkout: authorise the order total with the card processor.

The card details arrive from the checkout form over TLS and are passed straight to the
processor; we never store them. Declines are logged for the fraud team's dashboards.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

log = logging.getLogger(__name__)


class CardRejected(ValueError):
    """The card details cannot be right; the customer is asked to correct them."""


class ProcessorUnavailable(Exception):
    """The processor timed out or answered 5xx; nothing was charged."""


@dataclass(frozen=True)
class CardDetails:
    number: str
    expiry_month: int
    expiry_year: int
    cvc: str
    holder: str

    @property
    def last4(self) -> str:
        return self.number[-4:]


@dataclass(frozen=True)
class PaymentAttempt:
    attempt_id: str
    order_id: str
    amount_cents: int
    currency: str
    card: CardDetails


@dataclass(frozen=True)
class Authorisation:
    approved: bool
    authorisation_code: str | None = None
    decline_code: str | None = None


class Processor(Protocol):
    def authorise(self, attempt: PaymentAttempt) -> Authorisation: ...


@dataclass(frozen=True)
class PaymentResult:
    status: Literal["authorised", "declined", "retry"]
    attempt_id: str
    authorisation_code: str | None = None
    decline_code: str | None = None


def luhn_valid(number: str) -> bool:
    if not number.isdigit() or not 12 <= len(number) <= 19:
        return False
    total = 0
    for position, digit in enumerate(int(d) for d in reversed(number)):
        if position % 2 == 1:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def check_card(card: CardDetails, today: date) -> None:
    if not luhn_valid(card.number):
        raise CardRejected("card number is not valid")
    if not 1 <= card.expiry_month <= 12:
        raise CardRejected("expiry month is not valid")
    if (card.expiry_year, card.expiry_month) < (today.year, today.month):
        raise CardRejected("card has expired")
    if not (card.cvc.isdigit() and len(card.cvc) in (3, 4)):
        raise CardRejected("security code is not valid")


class CheckoutPayments:
    def __init__(
        self,
        processor: Processor,
        today: Callable[[], date] = date.today,
        new_attempt_id: Callable[[], str] = lambda: f"att_{uuid.uuid4().hex}",
    ) -> None:
        self._processor = processor
        self._today = today
        self._new_attempt_id = new_attempt_id

    def pay(
        self, order_id: str, amount_cents: int, currency: str, card: CardDetails
    ) -> PaymentResult:
        if amount_cents <= 0:
            raise ValueError("amount must be positive")
        check_card(card, self._today())
        attempt = PaymentAttempt(self._new_attempt_id(), order_id, amount_cents, currency, card)
        log.info(
            "authorising %s for order %s: %d %s, card ending %s",
            attempt.attempt_id, order_id, amount_cents, currency, card.last4,
        )  # fmt: skip
        try:
            authorisation = self._processor.authorise(attempt)
        except ProcessorUnavailable:
            log.warning("processor unavailable for %s, order %s", attempt.attempt_id, order_id)
            return PaymentResult("retry", attempt.attempt_id)
        if not authorisation.approved:
            log.warning("payment declined (%s): %s", authorisation.decline_code, attempt)
            return PaymentResult("declined", attempt.attempt_id, None, authorisation.decline_code)
        log.info("authorised %s: %s", attempt.attempt_id, authorisation.authorisation_code)
        return PaymentResult("authorised", attempt.attempt_id, authorisation.authorisation_code)
