"""Turning a raw row into a Customer."""

from collections.abc import Mapping

from pipeline.customer_ids import parse_customer_id
from pipeline.emails import parse_email
from pipeline.models import Customer
from pipeline.timestamps import parse_aware_timestamp


def parse_customer(row: Mapping[str, object]) -> Customer:
    return Customer(
        customer_id=parse_customer_id(row.get("customer_id")),
        email=parse_email(row.get("email")),
        updated_at=parse_aware_timestamp(row.get("updated_at")),
    )
