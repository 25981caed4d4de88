from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from billing.errors import BillingError


@dataclass(frozen=True)
class BillingPeriod:
    """A half-open date range: `end` is the first day that is not billed."""

    start: date
    end: date

    @classmethod
    def checked(cls, start: date, end: date) -> "BillingPeriod":
        """The period from start to end, which must hold at least one day."""
        if end <= start:
            raise BillingError(f"billing period end {end} must be after start {start}")
        return cls(start, end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)


@dataclass(frozen=True)
class InvoiceLine:
    description: str
    quantity: int | Decimal
    unit_price: Decimal
    amount: Decimal

    def as_dict(self) -> dict[str, object]:
        return {
            "description": self.description,
            "quantity": self.quantity,
            "unit_price": self.unit_price,
            "amount": self.amount,
        }
