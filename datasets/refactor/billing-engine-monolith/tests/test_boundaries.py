"""The two entry points the request asks for: proration and the tax rules, each on its own.

The modules are imported when a test runs, so on code without them each test fails by name
(a missing boundary) rather than the whole file failing to collect.
"""

import copy
import importlib
import importlib.util
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from billing.invoicing import BillingError

MARCH_START = date(2026, 3, 1)
APRIL_START = date(2026, 4, 1)


def _load_original():
    path = Path(__file__).with_name("original_invoicing.py")
    spec = importlib.util.spec_from_file_location("_archbench_original_boundaries", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ORIGINAL = _load_original()


def subscription_line(subscription, period_start, period_end):
    module = importlib.import_module("billing.subscriptions")
    return module.subscription_line(subscription, period_start, period_end)


TAX_FIELDS = ("currency", "tax_rate", "tax", "notes")


def tax_for(customer, subscription_total, usage_total, discount):
    """The answer's tax fields (only the four the request names: more keys do no harm)."""
    module = importlib.import_module("billing.tax")
    tax = module.tax_for(customer, subscription_total, usage_total, discount)
    return {field: tax[field] for field in TAX_FIELDS}


def test_subscription_boundary_subscription_line_bills_a_full_period():
    line = subscription_line({"plan": "pro", "seats": 3, "start": date(2025, 11, 1)},
                             MARCH_START, APRIL_START)
    assert line == {
        "description": "Pro plan x3 (2026-03-01 to 2026-03-31)",
        "quantity": 3,
        "unit_price": Decimal("29.00"),
        "amount": Decimal("87.00"),
    }


def test_subscription_boundary_subscription_line_prorates_a_partial_period():
    line = subscription_line(
        {"plan": "pro", "seats": 2, "start": date(2026, 1, 1), "end": date(2026, 3, 16)},
        MARCH_START, APRIL_START,
    )
    assert line["description"] == "Pro plan x2 (2026-03-01 to 2026-03-15, prorated 15/31 days)"
    assert str(line["amount"]) == "28.06"


def test_subscription_boundary_subscription_line_is_none_outside_the_period():
    ended = {"plan": "basic", "start": date(2026, 1, 1), "end": MARCH_START}
    not_started = {"plan": "basic", "seats": 1, "start": APRIL_START}
    assert subscription_line(ended, MARCH_START, APRIL_START) is None
    assert subscription_line(not_started, MARCH_START, APRIL_START) is None


@pytest.mark.parametrize(
    "subscription, period_end",
    [
        ({"plan": "gold", "start": MARCH_START}, APRIL_START),
        ({"plan": "pro", "seats": 0, "start": MARCH_START}, APRIL_START),
        ({"plan": "pro", "start": MARCH_START, "end": MARCH_START}, APRIL_START),
        ({"plan": "pro", "start": MARCH_START}, MARCH_START),
    ],
)
def test_subscription_boundary_subscription_line_rejects_what_cannot_be_billed(
    subscription, period_end
):
    with pytest.raises(BillingError):
        subscription_line(subscription, MARCH_START, period_end)


def random_subscription(rng, period_start):
    start = period_start + timedelta(days=rng.randint(-45, 35))
    subscription = {"plan": rng.choice(["basic", "pro", "enterprise", "gold"]), "start": start}
    if rng.random() < 0.8:
        subscription["seats"] = rng.choice([1, 2, 3, 7, 10, 100, True, 0, -2, 1.0])
    if rng.random() < 0.6:
        subscription["end"] = rng.choice([start + timedelta(days=rng.randint(-1, 60)), None])
    return subscription


def original_subscription_outcome(subscription, period_start, period_end):
    """The line the original invoice holds for this one subscription, or what it raised."""
    customer = {"id": "C-1", "country": "JP"}
    try:
        invoice = ORIGINAL.build_invoice("N", customer, [subscription], [], period_start,
                                         period_end)
    except ORIGINAL.BillingError as error:
        return ("raised", str(error))
    return ("returned", invoice["lines"][0] if invoice["lines"] else None)


def answer_subscription_outcome(subscription, period_start, period_end):
    try:
        return ("returned", subscription_line(subscription, period_start, period_end))
    except BillingError as error:
        return ("raised", str(error))


def test_subscription_boundary_subscription_line_matches_the_original_invoice_lines():
    rng = random.Random(318)
    for _ in range(300):
        period_start = date(2026, rng.randint(1, 12), rng.choice([1, 1, 10]))
        period_end = period_start + timedelta(days=rng.choice([28, 30, 31, 1, 0]))
        subscription = random_subscription(rng, period_start)
        given = copy.deepcopy(subscription)
        expected = original_subscription_outcome(subscription, period_start, period_end)
        assert answer_subscription_outcome(subscription, period_start, period_end) == expected, (
            subscription, period_start, period_end
        )
        assert subscription == given


def test_tax_boundary_tax_for_charges_local_vat_after_the_discount():
    tax = tax_for({"id": "C-1", "country": "DE"}, Decimal("93.10"), Decimal("13.25"),
                  Decimal("9.31"))
    assert tax == {"currency": "EUR", "tax_rate": Decimal("19"), "tax": Decimal("18.44"),
                   "notes": []}


def test_tax_boundary_tax_for_reverse_charges_eu_businesses_abroad_only():
    business = tax_for({"id": "C-1", "country": "fr", "vat_id": "FR999"}, Decimal("29.00"),
                       Decimal("0.00"), Decimal("0.00"))
    assert business == {
        "currency": "EUR", "tax_rate": Decimal("0"), "tax": Decimal("0.00"),
        "notes": ["Reverse charge: VAT to be accounted for by the recipient"],
    }
    domestic = tax_for({"id": "C-1", "country": "DE", "vat_id": "DE123"}, Decimal("29.00"),
                       Decimal("0.00"), Decimal("0.00"))
    assert str(domestic["tax"]) == "5.51"


def test_tax_boundary_tax_for_us_sales_tax_leaves_usage_untaxed():
    taxed = tax_for({"id": "C-1", "country": "US", "region": "ca"}, Decimal("29.00"),
                    Decimal("50.00"), Decimal("0.00"))
    assert taxed == {"currency": "USD", "tax_rate": Decimal("7.25"), "tax": Decimal("2.10"),
                     "notes": []}
    untaxed = tax_for({"id": "C-1", "country": "US", "region": "WA"}, Decimal("29.00"),
                      Decimal("50.00"), Decimal("0.00"))
    assert untaxed["notes"] == ["No sales tax collected for state WA"]
    assert str(untaxed["tax"]) == "0.00"


def test_tax_boundary_tax_for_exempt_and_rest_of_world_customers():
    exempt = tax_for({"id": "C-1", "country": "NL", "tax_exempt": True}, Decimal("398.00"),
                     Decimal("1.00"), Decimal("0.00"))
    assert (exempt["currency"], exempt["tax"], exempt["notes"]) == (
        "EUR", Decimal("0.00"), ["Tax exempt"]
    )
    japan = tax_for({"id": "C-1", "country": "JP"}, Decimal("398.00"), Decimal("1.00"),
                    Decimal("0.00"))
    assert (japan["currency"], japan["tax_rate"], japan["notes"]) == (
        "USD", Decimal("0"), ["No tax collected"]
    )


def random_customer(rng):
    customer = {"id": "C-1", "country": rng.choice(["DE", "de", "FR", "NL", "US", "JP", "GB"])}
    for key, values in (("region", ["ca", "NY", "TX", "WA", "", None]),
                        ("vat_id", ["FR999", "", None]),
                        ("discount_percent", [0, 10, "12.5", 100, "33.3"]),
                        ("tax_exempt", [True, False, 0])):
        if rng.random() < 0.4:
            customer[key] = rng.choice(values)
    return customer


def random_charges(rng):
    subscriptions = [
        {"plan": rng.choice(["basic", "pro", "enterprise"]), "seats": rng.randint(1, 12),
         "start": MARCH_START + timedelta(days=rng.randint(-10, 25))}
        for _ in range(rng.randint(0, 3))
    ]
    usage = [{"metric": "api_calls", "quantity": rng.choice([0, 100_500, 250_000])},
             {"metric": "storage_gb", "quantity": rng.choice(["0", "10.05", "13.7", "45"])}]
    return subscriptions, usage[: rng.randint(0, 2)]


def original_totals(customer, subscriptions, usage):
    """Subscription total, usage total and discount, from the original's own invoices."""
    def invoice(subs, records):
        return ORIGINAL.build_invoice("N", customer, subs, records, MARCH_START, APRIL_START)

    return (invoice(subscriptions, [])["subtotal"], invoice([], usage)["subtotal"],
            invoice(subscriptions, usage))


def test_tax_boundary_tax_for_matches_the_original_invoice_tax():
    rng = random.Random(1803)
    for _ in range(250):
        customer = random_customer(rng)
        subscriptions, usage = random_charges(rng)
        subscription_total, usage_total, invoice = original_totals(customer, subscriptions, usage)
        tax = tax_for(customer, subscription_total, usage_total, invoice["discount"])
        expected = {key: invoice[key] for key in TAX_FIELDS}
        assert tax == expected, (customer, subscriptions, usage)
        assert str(tax["tax"]) == str(invoice["tax"])
