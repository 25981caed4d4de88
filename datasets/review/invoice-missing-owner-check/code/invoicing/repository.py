"""In-memory invoice storage (swapped for Postgres in production)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal


@dataclass(frozen=True)
class Invoice:
    id: int
    owner_id: str
    customer: str
    amount: Decimal
    status: str = "draft"


class InvoiceRepository:
    def __init__(self) -> None:
        self._invoices: dict[int, Invoice] = {}
        self._next_id = 1

    def add(self, owner_id: str, customer: str, amount: Decimal) -> Invoice:
        invoice = Invoice(self._next_id, owner_id, customer, amount)
        self._invoices[invoice.id] = invoice
        self._next_id += 1
        return invoice

    def get(self, invoice_id: int) -> Invoice | None:
        return self._invoices.get(invoice_id)

    def list_for_owner(self, owner_id: str) -> list[Invoice]:
        return [i for i in self._invoices.values() if i.owner_id == owner_id]

    def set_status(self, invoice_id: int, status: str) -> Invoice:
        invoice = replace(self._invoices[invoice_id], status=status)
        self._invoices[invoice_id] = invoice
        return invoice
