"""Existing ledger behaviour, which must keep working."""

from datetime import date

import pytest

from billing.ledger import Invoice, Ledger, Refund


def _ledger() -> Ledger:
    ledger = Ledger()
    ledger.add_invoice(Invoice("inv-1", "acme", 10_000, date(2026, 3, 5)))
    ledger.add_invoice(Invoice("inv-2", "acme", 2_500, date(2026, 4, 1)))
    ledger.add_invoice(Invoice("inv-3", "globex", 7_000, date(2026, 3, 9)))
    return ledger


def test_invoices_are_kept_by_id_and_duplicates_refused() -> None:
    ledger = _ledger()
    assert ledger.invoice("inv-3").customer == "globex"
    with pytest.raises(ValueError):
        ledger.add_invoice(Invoice("inv-1", "globex", 1, date(2026, 3, 6)))
    with pytest.raises(ValueError):
        ledger.add_invoice(Invoice("inv-9", "globex", 0, date(2026, 3, 6)))


def test_refunds_are_checked_against_their_invoice() -> None:
    ledger = _ledger()
    with pytest.raises(KeyError):
        ledger.add_refund(Refund("r-1", "inv-404", 100, date(2026, 3, 6)))
    with pytest.raises(ValueError):
        ledger.add_refund(Refund("r-2", "inv-1", 0, date(2026, 3, 6)))
    ledger.add_refund(Refund("r-3", "inv-1", 6_000, date(2026, 3, 6)))
    with pytest.raises(ValueError):
        ledger.add_refund(Refund("r-4", "inv-1", 4_001, date(2026, 4, 6)))
    assert ledger.refunded("inv-1") == 6_000


def test_balance_is_invoiced_less_refunded_per_customer() -> None:
    ledger = _ledger()
    ledger.add_refund(Refund("r-1", "inv-1", 1_000, date(2026, 4, 2)))
    ledger.add_refund(Refund("r-2", "inv-2", 500, date(2026, 4, 3)))
    assert ledger.balance("acme") == 11_000
    assert ledger.balance("globex") == 7_000
    assert ledger.balance("nobody") == 0


def test_one_cent_is_a_valid_invoice_and_refund() -> None:
    ledger = Ledger()
    ledger.add_invoice(Invoice("inv-1", "acme", 1, date(2026, 3, 5)))
    ledger.add_invoice(Invoice("inv-2", "acme", 5, date(2026, 3, 5)))
    ledger.add_refund(Refund("r-1", "inv-2", 1, date(2026, 3, 6)))
    assert ledger.balance("acme") == 5
