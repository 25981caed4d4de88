"""The billing domain: what we sell, what we charged, and how charging can fail."""

from dataclasses import dataclass, field
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
    # The idempotency key of a charge whose outcome we never learned: the next attempt must
    # reuse it, so the provider returns that charge instead of creating a second one.
    pending_charge_key: str | None = None


@dataclass
class Subscription:
    id: str
    customer_id: str
    monthly_price_cents: int
    # period ("2024-05") -> id of the charge that paid it
    paid_periods: dict[str, str] | None = None
    # period -> idempotency key of a renewal charge whose outcome we never learned
    pending_charge_keys: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.paid_periods is None:
            self.paid_periods = {}


class PaymentDeclined(Exception):
    """The provider refused the charge (card declined, insufficient funds...). Final."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class ProviderUnavailable(Exception):
    """The provider could not be reached or kept failing; the charge may be retried later."""
