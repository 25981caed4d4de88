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

    def monthly_report(self, year: int, month: int) -> dict[str, int]:
        """Net revenue of one calendar month per customer, in cents.

        Counts every invoice issued in that month, less every refund paid against
        those invoices. A refund is counted in the month of the invoice it
        refunds, whenever it was paid out: finance restates the original month,
        so a March invoice refunded in April lowers March.

        Customers with no invoice in the month are left out; a customer whose
        revenue nets out to zero is listed with 0. ValueError for a month
        outside 1..12.
        """
        if not 1 <= month <= 12:
            raise ValueError(f"month must be in 1..12, got {month}")
        refunded: dict[str, int] = {}
        for refund in self._refunds:
            refunded[refund.invoice_id] = refunded.get(refund.invoice_id, 0) + refund.amount_cents
        report: dict[str, int] = {}
        for invoice in self._invoices.values():
            if invoice.issued_on.year != year or invoice.issued_on.month != month:
                continue
            net = invoice.amount_cents - refunded.get(invoice.id, 0)
            report[invoice.customer] = report.get(invoice.customer, 0) + net
        return report
