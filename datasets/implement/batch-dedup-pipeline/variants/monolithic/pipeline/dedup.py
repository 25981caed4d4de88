"""Keep the latest version of each customer from an export sorted by customer_id."""

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Customer:
    customer_id: str
    email: str
    updated_at: datetime


@dataclass(frozen=True)
class RejectedRow:
    row: Mapping[str, object]
    reason: str


class UnsortedInputError(ValueError):
    """The export is not sorted by customer_id, so streaming dedup would be wrong."""


def latest_customers(
    rows: Iterable[Mapping[str, object]],
    on_reject: Callable[[RejectedRow], None],
) -> Iterator[Customer]:
    latest: Customer | None = None
    for row in rows:
        customer_id = row.get("customer_id")
        email = row.get("email")
        updated_at = row.get("updated_at")
        if not isinstance(customer_id, str) or not customer_id:
            reason = f"customer_id: expected a non-empty string, got {customer_id!r}"
            on_reject(RejectedRow(row=row, reason=reason))
            continue
        if not isinstance(email, str):
            on_reject(RejectedRow(row=row, reason=f"email: expected a string, got {email!r}"))
            continue
        local, _, domain = email.partition("@")
        if not local or not domain or "@" in domain:
            reason = f"email: {email!r} is not of the form local@domain"
            on_reject(RejectedRow(row=row, reason=reason))
            continue
        if not isinstance(updated_at, str):
            reason = f"updated_at: expected an ISO 8601 string, got {updated_at!r}"
            on_reject(RejectedRow(row=row, reason=reason))
            continue
        try:
            timestamp = datetime.fromisoformat(updated_at)
        except ValueError:
            reason = f"updated_at: {updated_at!r} is not ISO 8601"
            on_reject(RejectedRow(row=row, reason=reason))
            continue
        if timestamp.utcoffset() is None:
            reason = f"updated_at: {updated_at!r} has no UTC offset"
            on_reject(RejectedRow(row=row, reason=reason))
            continue
        customer = Customer(customer_id=customer_id, email=email, updated_at=timestamp)

        if latest is None:
            latest = customer
        elif customer.customer_id == latest.customer_id:
            # ">=" so that, on a tie, the row later in the input wins.
            if customer.updated_at >= latest.updated_at:
                latest = customer
        elif customer.customer_id < latest.customer_id:
            raise UnsortedInputError(
                f"customer_id {customer.customer_id!r} comes after {latest.customer_id!r}"
            )
        else:
            yield latest
            latest = customer
    if latest is not None:
        yield latest
