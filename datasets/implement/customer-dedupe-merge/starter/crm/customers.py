"""The customer book: every customer account we hold, keyed by id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Customer:
    id: int
    email: str
    name: str
    created_at: datetime


def normalize_email(email: str) -> str:
    """The form emails are compared in: surrounding whitespace stripped, lower-cased."""
    return email.strip().lower()


class CustomerBook:
    """An in-memory store of customers; ids are unique."""

    def __init__(self) -> None:
        self._by_id: dict[int, Customer] = {}

    def add(self, customer: Customer) -> None:
        if customer.id in self._by_id:
            raise ValueError(f"customer {customer.id} already exists")
        self._by_id[customer.id] = customer

    def get(self, customer_id: int) -> Customer:
        """The customer with this id; KeyError if there is none."""
        return self._by_id[customer_id]

    def all(self) -> list[Customer]:
        """Every customer, by id."""
        return [self._by_id[key] for key in sorted(self._by_id)]

    def find_by_email(self, email: str) -> list[Customer]:
        """The customers whose email matches `email` once both are normalized, by id."""
        wanted = normalize_email(email)
        return [c for c in self.all() if normalize_email(c.email) == wanted]
