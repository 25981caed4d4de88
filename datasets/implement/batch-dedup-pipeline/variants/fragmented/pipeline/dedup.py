"""Keep the latest version of each customer from an export sorted by customer_id."""

from collections.abc import Callable, Iterable, Iterator, Mapping

from pipeline.errors import InvalidRowError, UnsortedInputError
from pipeline.grouping import same_group
from pipeline.models import Customer, RejectedRow
from pipeline.ordering import check_order
from pipeline.parsing import parse_customer
from pipeline.validation import valid_customers
from pipeline.versions import newer

__all__ = [
    "Customer",
    "InvalidRowError",
    "RejectedRow",
    "UnsortedInputError",
    "latest_customers",
    "parse_customer",
]


def latest_customers(
    rows: Iterable[Mapping[str, object]],
    on_reject: Callable[[RejectedRow], None],
) -> Iterator[Customer]:
    latest: Customer | None = None
    for customer in customers_from(rows, on_reject):
        if same_group(latest, customer):
            latest = pick_newer(latest, customer)
            continue
        assert latest is not None
        check_order(latest, customer)
        yield latest
        latest = customer
    if latest is not None:
        yield latest


def customers_from(
    rows: Iterable[Mapping[str, object]], on_reject: Callable[[RejectedRow], None]
) -> Iterator[Customer]:
    return valid_customers(rows, on_reject)


def pick_newer(current: Customer | None, candidate: Customer) -> Customer:
    return newer(current, candidate)
