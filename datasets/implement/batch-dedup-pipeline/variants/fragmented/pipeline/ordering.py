"""Checking the export's sort order."""

from pipeline.errors import UnsortedInputError
from pipeline.models import Customer


def check_order(previous: Customer, current: Customer) -> None:
    if current.customer_id < previous.customer_id:
        raise UnsortedInputError(
            f"customer_id {current.customer_id!r} comes after {previous.customer_id!r}"
        )
