"""Use cases of the customer book, shared by the public API and the admin tools."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone

from crm.models import Customer, NewCustomer, Segment
from crm.repository import CustomerRepository


class InvalidCustomer(ValueError):
    pass


class CustomerNotFound(LookupError):
    pass


class CustomerService:
    def __init__(
        self,
        connection: sqlite3.Connection,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        self._connection = connection
        self._customers = CustomerRepository(connection)
        self._clock = clock

    def get_customer(self, tenant_id: int, customer_id: int) -> Customer:
        customer = self._customers.get(tenant_id, customer_id)
        if customer is None:
            raise CustomerNotFound(f"tenant {tenant_id} has no customer {customer_id}")
        return customer

    def list_customers(
        self,
        tenant_id: int,
        segment: Segment | None = None,
        after_id: int | None = None,
        limit: int | None = None,
    ) -> list[Customer]:
        """A page of the tenant's customers in id order (see `CustomerRepository.list`)."""
        return self._customers.list(tenant_id, segment=segment, after_id=after_id, limit=limit)

    def count_customers(self, tenant_id: int, segment: Segment | None = None) -> int:
        return self._customers.count(tenant_id, segment)

    def create_customer(self, tenant_id: int, new: NewCustomer) -> Customer:
        name = new.name.strip()
        email = new.email.strip().lower()
        if not name:
            raise InvalidCustomer("a customer needs a name")
        local, _, domain = email.partition("@")
        if not local or "." not in domain:
            raise InvalidCustomer(f"invalid email address {new.email!r}")
        with self._connection:
            return self._customers.add(
                tenant_id, NewCustomer(name, email, new.segment), self._clock()
            )

    def move_to_segment(self, tenant_id: int, customer_id: int, segment: Segment) -> Customer:
        with self._connection:
            if not self._customers.set_segment(tenant_id, customer_id, segment):
                raise CustomerNotFound(f"tenant {tenant_id} has no customer {customer_id}")
        return self.get_customer(tenant_id, customer_id)
