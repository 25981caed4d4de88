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


class InvalidRowError(ValueError):
    """A row failed validation; the message names the field."""


def latest_customers(
    rows: Iterable[Mapping[str, object]],
    on_reject: Callable[[RejectedRow], None],
) -> Iterator[Customer]:
    latest: Customer | None = None
    for customer in _valid_customers(rows, on_reject):
        if latest is None or customer.customer_id == latest.customer_id:
            latest = _newer(latest, customer)
            continue
        if customer.customer_id < latest.customer_id:
            raise UnsortedInputError(
                f"customer_id {customer.customer_id!r} comes after {latest.customer_id!r}"
            )
        yield latest
        latest = customer
    if latest is not None:
        yield latest


def parse_customer(row: Mapping[str, object]) -> Customer:
    return Customer(
        customer_id=_parse_customer_id(row.get("customer_id")),
        email=_parse_email(row.get("email")),
        updated_at=_parse_aware_timestamp(row.get("updated_at")),
    )


def _valid_customers(
    rows: Iterable[Mapping[str, object]], on_reject: Callable[[RejectedRow], None]
) -> Iterator[Customer]:
    for row in rows:
        try:
            yield parse_customer(row)
        except InvalidRowError as error:
            on_reject(RejectedRow(row=row, reason=str(error)))


def _newer(current: Customer | None, candidate: Customer) -> Customer:
    # ">=" so that, on a tie, the row later in the input wins.
    if current is None or candidate.updated_at >= current.updated_at:
        return candidate
    return current


def _parse_customer_id(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise InvalidRowError(f"customer_id: expected a non-empty string, got {value!r}")
    return value


def _parse_email(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidRowError(f"email: expected a string, got {value!r}")
    local, _, domain = value.partition("@")
    if not local or not domain or "@" in domain:
        raise InvalidRowError(f"email: {value!r} is not of the form local@domain")
    return value


def _parse_aware_timestamp(value: object) -> datetime:
    if not isinstance(value, str):
        raise InvalidRowError(f"updated_at: expected an ISO 8601 string, got {value!r}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise InvalidRowError(f"updated_at: {value!r} is not ISO 8601") from error
    if parsed.utcoffset() is None:
        raise InvalidRowError(f"updated_at: {value!r} has no UTC offset")
    return parsed
