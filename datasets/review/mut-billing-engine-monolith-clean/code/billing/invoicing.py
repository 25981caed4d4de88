"""Monthly invoicing. The code lives in the modules re-exported here."""

from billing.errors import BillingError
from billing.invoice import build_invoice
from billing.numbering import next_invoice_number
from billing.rendering import render_invoice

__all__ = ["BillingError", "build_invoice", "next_invoice_number", "render_invoice"]
