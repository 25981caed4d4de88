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

    def merge_duplicates(self) -> dict[int, int]:
        """Collapse every group of customers sharing a normalized email into one.

        The survivor of each group is the most recently created account (latest
        `created_at`); on a tie, the one with the higher id. The survivor is kept
        unchanged and the others are removed from the book.

        Returns a mapping from each removed customer id to the id of the customer
        that survived in its place; `{}` if there was nothing to merge.
        """
        groups: dict[str, list[Customer]] = {}
        for customer in self._by_id.values():
            groups.setdefault(normalize_email(customer.email), []).append(customer)

        merged: dict[int, int] = {}
        for members in groups.values():
            if len(members) < 2:
                continue
            survivor = max(members, key=lambda c: (c.created_at, c.id))
            for customer in members:
                if customer.id != survivor.id:
                    merged[customer.id] = survivor.id

        for removed_id in merged:
            del self._by_id[removed_id]
        return dict(sorted(merged.items()))
