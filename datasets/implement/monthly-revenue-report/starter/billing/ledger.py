"""The billing ledger: invoices we issued and the refunds paid against them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Invoice:
    id: str
    customer: str
    amount_cents: int
    issued_on: date


@dataclass(frozen=True)
class Refund:
    id: str
    invoice_id: str
    amount_cents: int
    issued_on: date


class Ledger:
    """Invoices by id and the refunds against them, in the order they were recorded."""

    def __init__(self) -> None:
        self._invoices: dict[str, Invoice] = {}
        self._refunds: list[Refund] = []

    def add_invoice(self, invoice: Invoice) -> None:
        if invoice.id in self._invoices:
            raise ValueError(f"invoice {invoice.id} already exists")
        if invoice.amount_cents <= 0:
            raise ValueError("an invoice amount must be positive")
        self._invoices[invoice.id] = invoice

    def add_refund(self, refund: Refund) -> None:
        """Record a refund; KeyError for an unknown invoice, ValueError if it over-refunds."""
        invoice = self._invoices[refund.invoice_id]
        if refund.amount_cents <= 0:
            raise ValueError("a refund amount must be positive")
        if self.refunded(invoice.id) + refund.amount_cents > invoice.amount_cents:
            raise ValueError(f"refunds would exceed invoice {invoice.id}")
        self._refunds.append(refund)

    def invoice(self, invoice_id: str) -> Invoice:
        return self._invoices[invoice_id]

    def refunded(self, invoice_id: str) -> int:
        """Cents refunded so far against one invoice."""
        return sum(r.amount_cents for r in self._refunds if r.invoice_id == invoice_id)

    def balance(self, customer: str) -> int:
        """What a customer has been invoiced, net of refunds, in cents."""
        invoices = [i for i in self._invoices.values() if i.customer == customer]
        return sum(i.amount_cents - self.refunded(i.id) for i in invoices)
