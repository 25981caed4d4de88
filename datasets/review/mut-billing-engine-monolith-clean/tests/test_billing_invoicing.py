from datetime import date
from decimal import Decimal

import pytest
from billing.invoicing import BillingError, build_invoice, next_invoice_number, render_invoice

MARCH_START = date(2026, 3, 1)
APRIL_START = date(2026, 4, 1)  # periods are half-open: March has 31 billable days


def customer(**overrides):
    return {"id": "C-100", "country": "DE", **overrides}


def march_invoice(cust, subscriptions, usage=()):
    return build_invoice("INV-2026-0007", cust, list(subscriptions), list(usage),
                         MARCH_START, APRIL_START)


STANDARD_SUBSCRIPTIONS = [
    {"plan": "pro", "seats": 3, "start": date(2025, 11, 1), "end": None},
    {"plan": "basic", "seats": 1, "start": date(2026, 3, 11)},
]
STANDARD_USAGE = [
    {"metric": "api_calls", "quantity": 125000},
    {"metric": "api_calls", "quantity": 500},
    {"metric": "storage_gb", "quantity": "12.5"},
]


def test_domestic_invoice_totals():
    invoice = march_invoice(customer(discount_percent=10), STANDARD_SUBSCRIPTIONS, STANDARD_USAGE)
    assert [line["amount"] for line in invoice["lines"]] == [
        Decimal("87.00"), Decimal("6.10"), Decimal("13.00"), Decimal("0.25")
    ]
    assert invoice["lines"][2]["quantity"] == 26
    assert invoice["lines"][2]["unit_price"] == Decimal("0.50")
    assert invoice["subtotal"] == Decimal("106.35")
    assert invoice["discount"] == Decimal("9.31")
    assert invoice["tax_rate"] == Decimal("19")
    assert invoice["tax"] == Decimal("18.44")
    assert invoice["total"] == Decimal("115.48")
    assert invoice["currency"] == "EUR"
    assert invoice["notes"] == []
    assert invoice["number"] == "INV-2026-0007"
    assert invoice["customer_id"] == "C-100"


def test_rendered_invoice():
    invoice = march_invoice(customer(discount_percent=10), STANDARD_SUBSCRIPTIONS, STANDARD_USAGE)
    long_line = "Basic plan x1 (2026-03-11 to 2026-03-31, prorated 21/31 days)"
    expected = [
        "INVOICE INV-2026-0007",
        "Customer: C-100",
        "Period: 2026-03-01 to 2026-03-31",
        "-" * 60,
        f"{'Pro plan x3 (2026-03-01 to 2026-03-31)':<46}{'87.00':>14}",
        f"{long_line[:45] + '~':<46}{'6.10':>14}",
        f"{'API calls: 125,500 (100,000 included)':<46}{'13.00':>14}",
        f"{'Storage: 12.5 GB (10 GB included)':<46}{'0.25':>14}",
        "-" * 60,
        f"{'Subtotal':<46}{'106.35':>14}",
        f"{'Discount (10%)':<46}{'-9.31':>14}",
        f"{'Tax (19%)':<46}{'18.44':>14}",
        f"{'Total EUR':<46}{'115.48':>14}",
    ]
    assert render_invoice(invoice) == "\n".join(expected) + "\n"


def test_eu_business_customer_is_reverse_charged_and_consumer_pays_local_vat():
    subscriptions = [{"plan": "pro", "seats": 1, "start": MARCH_START}]
    business = march_invoice(customer(country="fr", vat_id="FR999"), subscriptions)
    assert business["tax"] == Decimal("0.00")
    assert business["total"] == Decimal("29.00")
    assert business["notes"] == ["Reverse charge: VAT to be accounted for by the recipient"]
    rendered = render_invoice(business)
    assert "Tax (" not in rendered
    assert rendered.endswith("Note: Reverse charge: VAT to be accounted for by the recipient\n")
    consumer = march_invoice(customer(country="FR"), subscriptions)
    assert consumer["tax"] == Decimal("5.80")
    assert f"{'Tax (20%)':<46}{'5.80':>14}" in render_invoice(consumer).splitlines()
    domestic_business = march_invoice(customer(vat_id="DE123"), subscriptions)
    assert domestic_business["tax"] == Decimal("5.51")


def test_us_sales_tax_applies_to_subscriptions_only():
    subscriptions = [{"plan": "pro", "seats": 1, "start": MARCH_START}]
    usage = [{"metric": "api_calls", "quantity": 200000}]
    invoice = march_invoice(customer(country="US", region="ca"), subscriptions, usage)
    assert invoice["currency"] == "USD"
    assert invoice["subtotal"] == Decimal("79.00")
    assert invoice["tax_rate"] == Decimal("7.25")
    assert invoice["tax"] == Decimal("2.10")
    assert invoice["total"] == Decimal("81.10")
    assert "Tax (7.25%)" in render_invoice(invoice)
    untaxed = march_invoice(customer(country="US", region="WA"), subscriptions, usage)
    assert untaxed["tax"] == Decimal("0.00")
    assert untaxed["notes"] == ["No sales tax collected for state WA"]
    no_region = march_invoice(customer(country="US"), subscriptions)
    assert no_region["notes"] == ["No sales tax collected for state unknown"]


def test_exempt_and_rest_of_world_customers():
    subscriptions = [{"plan": "enterprise", "seats": 2, "start": MARCH_START}]
    exempt = march_invoice(customer(tax_exempt=True), subscriptions)
    assert (exempt["currency"], exempt["tax"], exempt["notes"]) == (
        "EUR", Decimal("0.00"), ["Tax exempt"]
    )
    assert exempt["total"] == Decimal("398.00")
    japan = march_invoice(customer(country="JP"), subscriptions)
    assert (japan["currency"], japan["tax_rate"], japan["notes"]) == (
        "USD", Decimal("0"), ["No tax collected"]
    )
    assert render_invoice(japan).splitlines()[-2:] == [
        f"{'Total USD':<46}{'398.00':>14}",
        "Note: No tax collected",
    ]


def test_subscriptions_outside_the_period_are_skipped_and_partial_ones_prorated():
    subscriptions = [
        {"plan": "pro", "seats": 2, "start": date(2026, 1, 1), "end": date(2026, 3, 16)},
        {"plan": "basic", "seats": 1, "start": date(2026, 1, 1), "end": date(2026, 3, 1)},
        {"plan": "basic", "seats": 1, "start": date(2026, 4, 1)},
    ]
    invoice = march_invoice(customer(country="JP"), subscriptions)
    assert len(invoice["lines"]) == 1
    line = invoice["lines"][0]
    assert line["description"] == "Pro plan x2 (2026-03-01 to 2026-03-15, prorated 15/31 days)"
    assert line["quantity"] == 2
    assert line["unit_price"] == Decimal("29.00")
    assert line["amount"] == Decimal("28.06")


def test_usage_allowances_boundaries():
    at_allowance = march_invoice(
        customer(country="JP"), [],
        [{"metric": "api_calls", "quantity": 100000}, {"metric": "storage_gb", "quantity": 10}],
    )
    assert at_allowance["lines"] == []
    assert at_allowance["total"] == Decimal("0.00")
    just_over = march_invoice(
        customer(country="JP"), [],
        [
            {"metric": "api_calls", "quantity": 100001},
            {"metric": "storage_gb", "quantity": "10.04"},
        ],
    )
    assert [line["amount"] for line in just_over["lines"]] == [Decimal("0.50")]
    storage = march_invoice(customer(country="JP"), [], [{"metric": "storage_gb", "quantity": 30}])
    assert storage["lines"][0]["description"] == "Storage: 30 GB (10 GB included)"
    assert storage["lines"][0]["amount"] == Decimal("2.00")


@pytest.mark.parametrize(
    "cust, subscriptions, usage",
    [
        (customer(), [{"plan": "gold", "seats": 1, "start": MARCH_START}], []),
        (customer(), [{"plan": "pro", "seats": 0, "start": MARCH_START}], []),
        (customer(), [{"plan": "pro", "seats": 1, "start": MARCH_START, "end": MARCH_START}], []),
        (customer(), [], [{"metric": "bandwidth", "quantity": 1}]),
        (customer(), [], [{"metric": "api_calls", "quantity": -1}]),
        (customer(), [], [{"metric": "storage_gb", "quantity": "lots"}]),
        (customer(discount_percent=150), [], []),
        ({"id": "C-1"}, [], []),
    ],
)
def test_invalid_input_raises_billing_error(cust, subscriptions, usage):
    with pytest.raises(BillingError):
        march_invoice(cust, subscriptions, usage)


def test_empty_billing_period_is_rejected():
    with pytest.raises(BillingError):
        build_invoice("INV-2026-0001", customer(), [], [], APRIL_START, MARCH_START)


def test_next_invoice_number():
    today = date(2026, 6, 30)
    assert next_invoice_number(None, today) == "INV-2026-0001"
    assert next_invoice_number("INV-2026-0041", today) == "INV-2026-0042"
    assert next_invoice_number("INV-2025-0733", today) == "INV-2026-0001"
    for bad in ("INV-2026", "BILL-2026-0001", "INV-2026-00x1", "INV-2027-0001", "INV-2026-9999"):
        with pytest.raises(BillingError):
            next_invoice_number(bad, today)
