"""The two boundaries the request asks for: each stage's conversion and each stage's checks.

The modules are imported when a test runs, so on code without them each test fails by name
(a missing boundary) rather than the whole file failing to collect. Expected values come from
the original stages themselves (`original/expenses/`, a byte copy of the code before the
refactor), run on one claim at a time.
"""

import importlib
import importlib.util
import random
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

ORIGINAL_NAME = "_archbench_original_expenses_boundaries"
TIE_RATES = {"EUR": Decimal("1"), "USD": Decimal("0.5"), "JPY": Decimal("0.0061")}


def _load_original_package():
    folder = Path(__file__).with_name("original") / "expenses"
    spec = importlib.util.spec_from_file_location(
        ORIGINAL_NAME, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    package = importlib.util.module_from_spec(spec)
    sys.modules[ORIGINAL_NAME] = package
    spec.loader.exec_module(package)


_load_original_package()


def original(module):
    return importlib.import_module(f"{ORIGINAL_NAME}.{module}")


def to_base(amount, currency, rates, stage):
    return importlib.import_module("expenses.money").to_base(amount, currency, rates, stage)


def validate_claim(claim, stage, rates):
    return importlib.import_module("expenses.validation").validate_claim(claim, stage, rates)


def test_money_boundary_to_base_rounds_half_a_cent_as_each_stage_does():
    # 12.25 USD at 0.5 is 6.125: the importer and the export round it up, approval to even.
    assert str(to_base(Decimal("12.25"), "USD", TIE_RATES, "import")) == "6.13"
    assert str(to_base(Decimal("12.25"), "USD", TIE_RATES, "approval")) == "6.12"
    assert str(to_base(Decimal("12.25"), "USD", TIE_RATES, "export")) == "6.13"
    assert str(to_base(Decimal("12.35"), "USD", TIE_RATES, "approval")) == "6.18"


def test_money_boundary_to_base_import_rounds_the_claimed_amount_first():
    # 0.125 USD: the importer pays 0.13 USD, worth 0.065 -> 0.07; the export converts 0.125.
    assert str(to_base(Decimal("0.125"), "USD", TIE_RATES, "import")) == "0.07"
    assert str(to_base(Decimal("0.125"), "USD", TIE_RATES, "export")) == "0.06"
    assert str(to_base(Decimal("250"), "JPY", TIE_RATES, "export")) == "1.53"
    assert str(to_base(Decimal("250"), "JPY", TIE_RATES, "approval")) == "1.52"
    assert str(to_base(Decimal("40"), "EUR", TIE_RATES, "import")) == "40.00"


AMOUNTS = ["12.25", "12.35", "0.125", "0.135", "250", "0.03", "2.05", "7.5", "1.005", "499.995",
           "0.01", "1e2", "60.01"]


def original_stage_amounts(amount, currency, rates):
    """What the original importer, approval and export compute for one claim of that amount."""
    csv_text = ("id,employee,amount,currency,category,date\n"
                f"C-1,E1001,{amount},{currency},travel,2026-03-02\n")
    imported = original("importer").import_claims(csv_text, rates).claims[0]["base_amount"]
    whole_cents = Decimal(amount).quantize(Decimal("0.01"))
    claim = {"id": "C-1", "employee": "E1001", "amount": whole_cents, "currency": currency,
             "category": "travel", "date": date(2026, 3, 2)}
    approved = original("approval").review_claims([claim], rates, {"travel": Decimal("1e9")})
    exported = original("export").ledger_lines([{**claim, "amount": Decimal(amount)}], rates)[0][1]
    return imported, whole_cents, approved[0].base_amount, Decimal(exported.rsplit(";", 1)[1])


def test_money_boundary_to_base_agrees_with_every_original_stage():
    rates = {**TIE_RATES, "GBP": Decimal("1.1725"), "CHF": Decimal("1.045")}
    for amount in AMOUNTS:
        for currency in rates:
            imported, whole_cents, approved, exported = original_stage_amounts(amount, currency,
                                                                              rates)
            context = (amount, currency)
            answer_import = to_base(Decimal(amount), currency, rates, "import")
            assert str(answer_import) == str(imported), context
            assert str(to_base(whole_cents, currency, rates, "approval")) == str(approved), context
            answer_export = to_base(Decimal(amount), currency, rates, "export")
            assert str(answer_export) == str(exported), context


def test_validation_boundary_validate_claim_lists_every_import_problem_in_order():
    row = {"id": " ", "employee": "e12", "amount": "0", "currency": "xx", "category": "Fun",
           "date": "2026-3-2"}
    assert validate_claim(row, "import", TIE_RATES) == [
        "claim id is missing",
        "bad employee id 'E12'",
        "amount must be positive",
        "unknown currency 'XX'",
        "unknown category 'fun'",
        "date '2026-3-2' is not YYYY-MM-DD",
    ]
    good = {"id": "C-1", "employee": " e1001 ", "amount": " 0.125 ", "currency": " usd ",
            "category": " Meals ", "date": " 2026-03-02 "}
    assert validate_claim(good, "import", TIE_RATES) == []


def test_validation_boundary_validate_claim_approval_normalises_nothing():
    claim = {"employee": " e1001", "amount": Decimal("12.345"), "currency": "usd",
             "category": "Meals", "date": date(2026, 3, 2)}
    assert validate_claim(claim, "approval", TIE_RATES) == [
        "bad employee id 'e1001'",
        "amount has fractions of a cent",
        "unknown currency 'usd'",
        "unknown category 'Meals'",
    ]
    assert validate_claim({**claim, "amount": None}, "approval", TIE_RATES)[1] == (
        "amount 'None' is not a number")


def test_validation_boundary_validate_claim_export_allows_zero_and_any_currency_case():
    claim = {"employee": "E1001", "amount": Decimal("0"), "currency": "usd", "category": "Meals",
             "date": "2026-03-02"}
    assert validate_claim(claim, "export", TIE_RATES) == []
    assert validate_claim({**claim, "amount": "-0.01", "employee": " E1001"}, "export",
                          TIE_RATES) == ["bad employee id ' E1001'", "amount must not be negative"]


CELLS = {
    "id": ["C-1", " C-2 ", "", None],
    "employee": ["E1001", "e1001", " E1002 ", "E100", None, 1001, ""],
    "amount": ["12.50", "0.125", "12.345", "1.500", "0", "-1", "-0.004", "x", "", None, "NaN",
               "Infinity", 0, 12, Decimal("7.25"), Decimal("-0"), "1e2"],
    "currency": ["EUR", "eur", " USD ", "JPY", "XXX", "", None],
    "category": ["meals", "Meals", " travel ", "supplies", "fun", "", None],
    "date": ["2026-03-02", " 2026-03-02 ", "20260302", "2026-02-30", "", None, date(2026, 3, 2)],
}


def random_claim(rng):
    claim = {key: rng.choice(values) for key, values in CELLS.items()}
    if rng.random() < 0.05:
        del claim[rng.choice(list(claim))]
    return claim


def original_problems(claim, stage, rates):
    """The problems the original stage reports for this one claim."""
    if stage == "import":
        return original("importer")._check_row(claim, rates)
    if stage == "approval":
        return original("approval")._check_claim(claim, rates)
    return original("export")._check_claim(claim, rates)


def test_validation_boundary_validate_claim_agrees_with_every_original_stage():
    rng = random.Random(1906)
    accepted = 0
    for _ in range(400):
        claim = random_claim(rng)
        for stage in ("import", "approval", "export"):
            expected = original_problems(claim, stage, TIE_RATES)
            assert validate_claim(claim, stage, TIE_RATES) == expected, (stage, claim)
            accepted += not expected
    assert accepted > 10
