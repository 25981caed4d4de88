"""Keep the latest version of each customer from an export sorted by customer_id."""

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

logger = logging.getLogger(__name__)

REQUIRED_FIELDS = ("customer_id", "email", "updated_at")


@dataclass(frozen=True)
class Customer:
    customer_id: str
    email: str
    updated_at: datetime

    def to_row(self) -> dict[str, str]:
        return {
            "customer_id": self.customer_id,
            "email": self.email,
            "updated_at": self.updated_at.isoformat(),
        }


@dataclass(frozen=True)
class RejectedRow:
    row: Mapping[str, object]
    reason: str

    @property
    def field(self) -> str:
        return self.reason.split(":", 1)[0]


class UnsortedInputError(ValueError):
    """The export is not sorted by customer_id, so streaming dedup would be wrong."""


class InvalidRowError(ValueError):
    """A row failed validation; the message names the field."""


@dataclass
class DedupStats:
    seen: int = 0
    rejected: int = 0
    emitted: int = 0


def latest_customers(
    rows: Iterable[Mapping[str, object]],
    on_reject: Callable[[RejectedRow], None],
    normalize_emails: bool = False,
    strict_order: bool = True,
) -> Iterator[Customer]:
    latest: Customer | None = None
    for customer in _valid_customers(rows, on_reject, normalize_emails):
        if latest is None or customer.customer_id == latest.customer_id:
            latest = _newer(latest, customer)
            continue
        if customer.customer_id < latest.customer_id:
            if strict_order:
                raise UnsortedInputError(
                    f"customer_id {customer.customer_id!r} comes after {latest.customer_id!r}"
                )
            logger.warning("unsorted input at customer_id %r", customer.customer_id)
        yield latest
        latest = customer
    if latest is not None:
        yield latest


def latest_customers_list(
    rows: Iterable[Mapping[str, object]],
) -> tuple[list[Customer], list[RejectedRow]]:
    rejected: list[RejectedRow] = []
    customers = list(latest_customers(rows, rejected.append))
    return customers, rejected


def parse_customer(row: Mapping[str, object], normalize_emails: bool = False) -> Customer:
    email = _parse_email(row.get("email"))
    if normalize_emails:
        email = normalize_email(email)
    return Customer(
        customer_id=_parse_customer_id(row.get("customer_id")),
        email=email,
        updated_at=_parse_aware_timestamp(row.get("updated_at")),
    )


def normalize_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local}@{domain.lower()}"


def _valid_customers(
    rows: Iterable[Mapping[str, object]],
    on_reject: Callable[[RejectedRow], None],
    normalize_emails: bool = False,
) -> Iterator[Customer]:
    for row in rows:
        try:
            yield parse_customer(row, normalize_emails)
        except InvalidRowError as error:
            logger.debug("rejected row %r: %s", row, error)
            on_reject(RejectedRow(row=row, reason=str(error)))


def _newer(current: Customer | None, candidate: Customer) -> Customer:
    # ">=" so that, on a tie, the row later in the input wins.
    if current is None or candidate.updated_at >= current.updated_at:
        return candidate
    return current


def _older(current: Customer | None, candidate: Customer) -> Customer:
    if current is None or candidate.updated_at < current.updated_at:
        return candidate
    return current


def _missing_fields(row: Mapping[str, object]) -> list[str]:
    return [name for name in REQUIRED_FIELDS if name not in row]


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


def _is_valid_email(value: object) -> bool:
    if not isinstance(value, str):
        return False
    local, _, domain = value.partition("@")
    if not local or not domain or "@" in domain:
        return False
    return True


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


def _parse_timestamp_as_utc(value: object) -> datetime:
    if not isinstance(value, str):
        raise InvalidRowError(f"updated_at: expected an ISO 8601 string, got {value!r}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise InvalidRowError(f"updated_at: {value!r} is not ISO 8601") from error
    if parsed.utcoffset() is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
