"""The billing domain: what we sell, what we charged, and how charging can fail."""

from dataclasses import dataclass
from enum import Enum


class OrderStatus(str, Enum):
    PENDING = "pending"
    PAID = "paid"
    DECLINED = "declined"


@dataclass(frozen=True)
class Charge:
    """A charge as the payment provider recorded it."""

    id: str
    customer_id: str
    amount_cents: int


@dataclass
class Order:
    id: str
    customer_id: str
    amount_cents: int
    status: OrderStatus = OrderStatus.PENDING
    charge_id: str | None = None
    # How many payment attempts for this order ended in a decline. Each new attempt after a
    # decline is a new operation for the provider (a new idempotency key); until then every
    # try (our retries, the customer clicking Pay again) reuses the same key.
    declined_attempts: int = 0


@dataclass
class Subscription:
    id: str
    customer_id: str
    monthly_price_cents: int
    # period ("2024-05") -> id of the charge that paid it
    paid_periods: dict[str, str] | None = None
    # period -> how many renewal attempts for it ended in a decline (see Order.declined_attempts)
    declined_periods: dict[str, int] | None = None

    def __post_init__(self) -> None:
        if self.paid_periods is None:
            self.paid_periods = {}
        if self.declined_periods is None:
            self.declined_periods = {}


class PaymentDeclined(Exception):
    """The provider refused the charge (card declined, insufficient funds...). Final."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class ProviderUnavailable(Exception):
    """The provider could not be reached or kept failing; the charge may be retried later."""
