"""Filtering the valid rows out of the export."""

from collections.abc import Callable, Iterable, Iterator, Mapping

from pipeline.errors import InvalidRowError
from pipeline.models import Customer, RejectedRow
from pipeline.parsing import parse_customer
from pipeline.rejecting import reject


def valid_customers(
    rows: Iterable[Mapping[str, object]], on_reject: Callable[[RejectedRow], None]
) -> Iterator[Customer]:
    for row in rows:
        try:
            yield parse_customer(row)
        except InvalidRowError as error:
            reject(on_reject, row, error)
