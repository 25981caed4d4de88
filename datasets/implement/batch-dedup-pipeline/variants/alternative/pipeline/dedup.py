"""Streaming dedup of a customer export sorted by id: the latest version of each customer wins.

Only the current customer's best row is held, so memory stays constant whatever the export size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from pipeline.records import Customer, RejectedRow
from pipeline.validation import RowValidationError, customer_from_row

__all__ = ["Customer", "RejectedRow", "UnsortedInputError", "latest_customers"]


class UnsortedInputError(ValueError):
    """A valid row's customer_id sorts before the previous valid row's."""


def latest_customers(
    rows: Iterable[Mapping[str, object]],
    on_reject: Callable[[RejectedRow], None],
) -> Iterator[Customer]:
    """Lazily yield each customer's latest valid row, in input order (a generator: reads
    nothing until iterated)."""
    current: Customer | None = None
    for customer in _valid_customers(rows, on_reject):
        if current is None or customer.customer_id == current.customer_id:
            current = _later(current, customer)
            continue
        if customer.customer_id < current.customer_id:
            raise UnsortedInputError(
                f"customer_id {customer.customer_id!r} comes after {current.customer_id!r}"
            )
        yield current
        current = customer
    if current is not None:
        yield current


def _valid_customers(
    rows: Iterable[Mapping[str, object]], on_reject: Callable[[RejectedRow], None]
) -> Iterator[Customer]:
    for row in rows:
        try:
            yield customer_from_row(row)
        except RowValidationError as error:
            on_reject(RejectedRow(row=row, reason=str(error)))


def _later(kept: Customer | None, candidate: Customer) -> Customer:
    """Ties on the instant go to the candidate: it comes later in the input."""
    if kept is None or candidate.updated_at >= kept.updated_at:
        return candidate
    return kept
