"""Ledger.monthly_report: net revenue per customer; a refund counts in its invoice's month."""

from datetime import date

import pytest

from billing.ledger import Invoice, Ledger, Refund


def _ledger(*invoices: Invoice) -> Ledger:
    ledger = Ledger()
    for invoice in invoices:
        ledger.add_invoice(invoice)
    return ledger


def test_invoices_of_the_month_are_summed_per_customer() -> None:
    ledger = _ledger(
        Invoice("i1", "acme", 10_000, date(2026, 3, 1)),
        Invoice("i2", "acme", 2_500, date(2026, 3, 31)),
        Invoice("i3", "globex", 7_000, date(2026, 3, 15)),
    )
    assert ledger.monthly_report(2026, 3) == {"acme": 12_500, "globex": 7_000}


def test_other_months_and_years_are_left_out() -> None:
    ledger = _ledger(
        Invoice("i1", "acme", 1_000, date(2026, 2, 28)),
        Invoice("i2", "acme", 2_000, date(2026, 3, 10)),
        Invoice("i3", "acme", 4_000, date(2026, 4, 1)),
        Invoice("i4", "globex", 8_000, date(2025, 3, 10)),
    )
    assert ledger.monthly_report(2026, 3) == {"acme": 2_000}
    assert ledger.monthly_report(2025, 3) == {"globex": 8_000}


def test_a_month_without_activity_is_an_empty_report() -> None:
    ledger = _ledger(Invoice("i1", "acme", 1_000, date(2026, 3, 10)))
    assert ledger.monthly_report(2026, 5) == {}
    assert Ledger().monthly_report(2026, 3) == {}


@pytest.mark.parametrize("month", [0, 13, -1])
def test_a_month_outside_the_calendar_is_refused(month: int) -> None:
    with pytest.raises(ValueError):
        Ledger().monthly_report(2026, month)


def test_december_and_january_are_real_months() -> None:
    ledger = _ledger(
        Invoice("i1", "acme", 1_000, date(2025, 12, 31)),
        Invoice("i2", "acme", 3_000, date(2026, 1, 1)),
    )
    assert ledger.monthly_report(2025, 12) == {"acme": 1_000}
    assert ledger.monthly_report(2026, 1) == {"acme": 3_000}


def test_a_refund_in_the_same_month_reduces_it() -> None:
    ledger = _ledger(
        Invoice("i1", "acme", 10_000, date(2026, 3, 2)),
        Invoice("i2", "globex", 5_000, date(2026, 3, 3)),
    )
    ledger.add_refund(Refund("r1", "i1", 2_500, date(2026, 3, 20)))
    ledger.add_refund(Refund("r2", "i1", 500, date(2026, 3, 21)))
    assert ledger.monthly_report(2026, 3) == {"acme": 7_000, "globex": 5_000}


def test_a_fully_refunded_customer_is_listed_with_zero() -> None:
    ledger = _ledger(Invoice("i1", "acme", 4_000, date(2026, 3, 2)))
    ledger.add_refund(Refund("r1", "i1", 4_000, date(2026, 3, 9)))
    assert ledger.monthly_report(2026, 3) == {"acme": 0}


def test_a_late_refund_lowers_the_month_of_its_invoice() -> None:
    ledger = _ledger(
        Invoice("i1", "acme", 10_000, date(2026, 3, 25)),
        Invoice("i2", "acme", 3_000, date(2026, 3, 26)),
    )
    ledger.add_refund(Refund("r1", "i1", 4_000, date(2026, 4, 10)))
    assert ledger.monthly_report(2026, 3) == {"acme": 9_000}


def test_a_late_refund_does_not_touch_the_month_it_was_paid_in() -> None:
    ledger = _ledger(
        Invoice("i1", "acme", 10_000, date(2026, 3, 25)),
        Invoice("i2", "globex", 6_000, date(2026, 4, 2)),
    )
    ledger.add_refund(Refund("r1", "i1", 4_000, date(2026, 4, 10)))
    assert ledger.monthly_report(2026, 4) == {"globex": 6_000}


def test_a_refund_across_the_year_end_stays_with_its_invoice() -> None:
    ledger = _ledger(Invoice("i1", "acme", 8_000, date(2025, 12, 20)))
    ledger.add_refund(Refund("r1", "i1", 8_000, date(2026, 1, 5)))
    assert ledger.monthly_report(2025, 12) == {"acme": 0}
    assert ledger.monthly_report(2026, 1) == {}
