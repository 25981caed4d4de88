"""Deciding whether a row continues the current customer's group."""

from pipeline.models import Customer


def same_group(latest: Customer | None, customer: Customer) -> bool:
    return latest is None or customer.customer_id == latest.customer_id
