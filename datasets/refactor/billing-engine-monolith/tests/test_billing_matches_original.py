"""Differential tests: the refactored billing behaves exactly like the original monolith.

`original_invoicing.py` beside this file is a byte copy of the code before the refactor. It is
loaded by file path under a private module name, so it can never be confused with the answer's
`billing` package. Inputs come from a seeded generator: the same cases on every run.
"""

import copy
import importlib.util
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from billing.invoicing import build_invoice, next_invoice_number, render_invoice


def _load_original():
    path = Path(__file__).with_name("original_invoicing.py")
    spec = importlib.util.spec_from_file_location("_archbench_original_invoicing", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ORIGINAL = _load_original()
CASES = 400
MONEY_FIELDS = ("subtotal", "discount", "tax", "total")

# Each field draws from its valid values, and now and then from values the code rejects.
INVALID_SHARE = 0.04
COUNTRIES = (["DE", "de", "FR", "fr", "NL", "US", "us", "JP", "GB", " de"], ["", None])
CUSTOMER_IDS = (["C-100", "C-7"], ["", None, 0])
REGIONS = ([None, "", "ca", "CA", "NY", "tx", "WA"], [])
DISCOUNTS = ([0, 10, 12.5, "7.5", "33.333", "100", 100, Decimal("15"), "0.005"],
             [100.01, -1, "-0.01", "x", None, "Infinity", True])
EXEMPTIONS = ([True, False, 1, 0, "yes", ""], [])
VAT_IDS = (["", None, "FR999", "DE123"], [])
PLANS = (["basic", "pro", "enterprise"], ["gold", None, "Pro"])
SEATS = ([1, 2, 3, 9, 10, 100, True], [0, -1, False, 2.0, "2", None])
API_CALLS = ([0, 1, 999, 99_999, 100_000, 100_001, 100_999, 101_000, 101_001, 125_000,
              2_000_000, True], [-1, 1.5, "5", None])
STORAGE = ([0, 10, "10", "10.04", "10.05", "10.049", 12.5, "12.5", "1e1", "1E+2", "30",
            Decimal("10.1"), 0.1], [-1, "-0.5", "lots", "NaN", "Infinity", True, None])


def draw(rng, values):
    valid, invalid = values
    if invalid and rng.random() < INVALID_SHARE:
        return rng.choice(invalid)
    return rng.choice(valid)


def random_customer(rng):
    customer = {"id": draw(rng, CUSTOMER_IDS)}
    if rng.random() > INVALID_SHARE:  # a customer without a country cannot be billed
        customer["country"] = draw(rng, COUNTRIES)
    for key, values in (("discount_percent", DISCOUNTS), ("region", REGIONS),
                        ("vat_id", VAT_IDS)):
        if rng.random() < 0.5:  # absent keys take the code's defaults
            customer[key] = draw(rng, values)
    if rng.random() < 0.15:
        customer["tax_exempt"] = draw(rng, EXEMPTIONS)
    return customer


def random_period(rng):
    start = date(2026, rng.randint(1, 12), rng.choice([1, 1, 1, 15, 28]))
    length = rng.choice([28, 29, 30, 31, 31, 31, 1, 7]) if rng.random() > INVALID_SHARE else 0
    return start, start + timedelta(days=length)


def random_subscription(rng, period_start):
    start = period_start + timedelta(days=rng.randint(-60, 35))
    subscription = {"plan": draw(rng, PLANS), "start": start}
    if rng.random() < 0.7:
        subscription["seats"] = draw(rng, SEATS)
    if rng.random() < 0.5:
        lowest = 0 if rng.random() > INVALID_SHARE else -2  # an end not after the start
        subscription["end"] = rng.choice([start + timedelta(days=rng.randint(lowest, 70)), None])
    return subscription


def random_usage_record(rng):
    roll = rng.random()
    if roll < 0.45:
        return {"metric": "api_calls", "quantity": draw(rng, API_CALLS)}
    if roll < 0.97:
        return {"metric": "storage_gb", "quantity": draw(rng, STORAGE)}
    return {"metric": rng.choice(["bandwidth", None]), "quantity": 1}


def random_invoice_input(rng):
    period_start, period_end = random_period(rng)
    subscriptions = [random_subscription(rng, period_start) for _ in range(rng.randint(0, 3))]
    usage = [random_usage_record(rng) for _ in range(rng.randint(0, 4))]
    return random_customer(rng), subscriptions, usage, period_start, period_end


def outcome(function, *args):
    """What a call does: its result, or the type and message of what it raised (the type by
    name: the original defines its own BillingError class)."""
    try:
        return ("returned", function(*args))
    except Exception as error:  # any exception is behaviour to compare, not a test failure
        return ("raised", type(error).__name__, str(error))


def exact_amounts(invoice):
    """Amounts as text: 87.00 and 87.0 are equal numbers but not the same invoice."""
    amounts = [str(invoice[field]) for field in MONEY_FIELDS]
    return amounts + [str(line["amount"]) for line in invoice["lines"]]


def value_kinds(value):
    """The types in a result, so a Decimal amount that became an int or float is noticed
    (bool counts as int: a bool seat count is stored as given)."""
    if isinstance(value, dict):
        return {key: value_kinds(item) for key, item in value.items()}
    if isinstance(value, list):
        return [value_kinds(item) for item in value]
    return int if isinstance(value, bool) else type(value)


def assert_same_invoice_outcome(args):
    untouched = copy.deepcopy(args)
    expected = outcome(ORIGINAL.build_invoice, "INV-2026-0007", *copy.deepcopy(args))
    actual = outcome(build_invoice, "INV-2026-0007", *args)
    assert actual == expected, args
    assert args == untouched, "build_invoice must not change its inputs"
    if expected[0] == "returned":
        invoice = actual[1]
        assert exact_amounts(invoice) == exact_amounts(expected[1]), args
        assert value_kinds(invoice) == value_kinds(expected[1]), args
        assert render_invoice(invoice) == ORIGINAL.render_invoice(expected[1]), args


def test_build_and_render_match_the_original_on_generated_invoices():
    rng = random.Random(18_03)
    outcomes = []
    for _ in range(CASES):
        args = random_invoice_input(rng)
        assert_same_invoice_outcome(args)
        outcomes.append(outcome(ORIGINAL.build_invoice, "N", *args)[0])
    # The generator must reach both paths often, or the comparison proves little.
    assert outcomes.count("returned") > CASES // 4
    assert outcomes.count("raised") > CASES // 10


def test_odd_typed_inputs_the_original_accepts_are_billed_the_same():
    # Values of a type the original never checks strictly: a bool seat count or call count
    # passes its int check, and floats and numeric strings go through Decimal(str(...)).
    period = (date(2026, 3, 1), date(2026, 4, 1))
    odd_cases = [
        ({"id": "C-1", "country": "DE"}, [{"plan": "pro", "seats": True, "start": period[0]}],
         [], *period),
        ({"id": "C-1", "country": "DE"},
         [{"plan": "basic", "seats": True, "start": date(2026, 3, 20)}], [], *period),
        ({"id": "C-1", "country": "US", "region": "ca", "discount_percent": 12.5},
         [{"plan": "enterprise", "seats": 10, "start": period[0]}],
         [{"metric": "api_calls", "quantity": True}, {"metric": "storage_gb", "quantity": 12.5}],
         *period),
        ({"id": "C-1", "country": "nl", "discount_percent": "7.50", "tax_exempt": 0,
          "vat_id": ""},
         [{"plan": "pro", "seats": 100, "start": period[0]}],
         [{"metric": "storage_gb", "quantity": "1E+2"},
          {"metric": "api_calls", "quantity": 100_999}], *period),
        ({"id": "C-1", "country": "FR", "tax_exempt": "yes", "discount_percent": Decimal("5")},
         [{"plan": "pro", "start": period[0]}],
         [{"metric": "storage_gb", "quantity": Decimal("10.05")}], *period),
    ]
    for args in odd_cases:
        assert_same_invoice_outcome(args)
    bool_seats = build_invoice("INV-2026-0001", *odd_cases[0])
    assert bool_seats["lines"][0]["description"] == "Pro plan x1 (2026-03-01 to 2026-03-31)"


def random_invoice_number(rng):
    # Arabic-Indic digits are digits to both str.isdigit and int().
    year = rng.choice(["2025", "2026", "2026", "2027", "02026", "\u0661\u0660"])
    sequence = rng.choice(["0001", "0041", "9998", "9999", "10000", "0000", "1", "00042",
                           "\u0660\u0660\u0660\u0661", "00x1", ""])
    roll = rng.random()
    if roll < 0.1:
        return None
    if roll < 0.2:
        return rng.choice(["INV-2026", "BILL-2026-0001", "inv-2026-0001", "INV-2026-0001-1",
                           " INV-2026-0001", "INV-2026-0001\n", "INV--0001", "INV-+2026-0001"])
    return f"INV-{year}-{sequence}"


def test_next_invoice_number_matches_the_original():
    rng = random.Random(2026)
    for _ in range(CASES):
        last = random_invoice_number(rng)
        today = date(rng.choice([2025, 2026, 2027]), rng.randint(1, 12), rng.randint(1, 28))
        assert outcome(next_invoice_number, last, today) == outcome(
            ORIGINAL.next_invoice_number, last, today
        ), (last, today)


def test_discount_percent_bounds_match_the_original():
    # The edges of "between 0 and 100", inclusive, and just outside them.
    subscriptions = [{"plan": "pro", "seats": 2, "start": date(2026, 3, 1)}]
    for percent in (0, "0.00", 100, "100.0", "-0.01", "100.01", 100.5, "101", "1e2"):
        customer = {"id": "C-1", "country": "DE", "discount_percent": percent}
        assert_same_invoice_outcome((customer, subscriptions, [], date(2026, 3, 1),
                                     date(2026, 4, 1)))
