"""Differential tests: every stage of the refactored pipeline behaves exactly like the original.

`original/expenses/` beside this file is a byte copy of the package before the refactor, loaded
by file path as a private package (its modules import each other relatively), so it can never
be confused with the answer's `expenses` package. Inputs come from seeded generators (the same
cases on every run) and include the odd values each stage reads in its own way.
"""

import dataclasses
import importlib
import importlib.util
import random
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from expenses.approval import count_by_status, review_claims
from expenses.export import export_ledger
from expenses.importer import import_claims
from expenses.pipeline import run_month
from expenses.rates import parse_rates
from expenses.reports import render_report

ORIGINAL_NAME = "_archbench_original_expenses"


def _load_original_package():
    folder = Path(__file__).with_name("original") / "expenses"
    spec = importlib.util.spec_from_file_location(
        ORIGINAL_NAME, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    package = importlib.util.module_from_spec(spec)
    sys.modules[ORIGINAL_NAME] = package
    spec.loader.exec_module(package)
    return package


_load_original_package()


def original(module):
    return importlib.import_module(f"{ORIGINAL_NAME}.{module}")


RATE_TABLES = [
    None,
    # Rates that make many conversions land on half a cent, where the stages' roundings differ.
    "USD=0.5\nJPY=0.0061\nGBP=1.125\n# comment\n\nchf = 1.045\n",
]
# Each field draws from values every stage accepts or not, and now and then from odd ones.
ODD_SHARE = 0.1
ROW_CELLS = {
    "id": (["C-1", "C-2", "C-3", " C-4 ", "C-5", "C-6", "C-7"], [""]),
    "employee": (["E1001", "e1001", " E1002 ", "E1003", "e1002"], ["E100", "E12345", "X1001", ""]),
    "amount": (["12.50", "12.25", "0.125", "250", "1.005", "0.03", "2.05", "1e2", " 7.5 ",
                "60.00", "60.01", "0.001", "499.995", "150", "150.01", "250.00", "250.01", "500",
                "500.01"], ["0", "-4", "abc", "", "NaN", "Infinity", "-0.004"]),
    "currency": (["EUR", "EUR", "eur", " usd ", "USD", "JPY", "GBP", "CHF"], ["XXX", ""]),
    "category": (["meals", "meals", "Meals", " travel", "travel", "lodging", "supplies"],
                 ["fun", ""]),
    "date": (["2026-03-02", "2026-03-02", "2026-03-03", "20260302", " 2026-03-05 ",
              "2026-03-02T10:00"], ["2026-3-2", "2026-02-30", ""]),
}
HEADERS = [
    ["id", "employee", "amount", "currency", "category", "date"],
    [" Date", "CATEGORY", "currency", "amount ", "Employee", "id", "note"],
]


def draw(rng, values):
    usual, odd = values
    return rng.choice(odd if odd and rng.random() < ODD_SHARE else usual)


def outcome(function, *args):
    """A call's result as plain data, or the type name and message of what it raised."""
    try:
        return ("returned", as_data(function(*args)))
    except Exception as error:  # any exception is behaviour to compare, not a test failure
        return ("raised", type(error).__name__, str(error))


def as_data(value):
    """Dataclasses as dicts (the original's classes are other classes), with exact Decimal text."""
    if dataclasses.is_dataclass(value):
        return as_data(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {key: as_data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [as_data(item) for item in value])
    return (type(value).__name__, str(value), value)


def random_csv(rng):
    header = rng.choice(HEADERS)
    if rng.random() < 0.05:  # a file without one of the required columns
        dropped = rng.choice(header).strip().lower()
        header = [name for name in header if name.strip().lower() != dropped]
    lines = [",".join(header)]
    for _ in range(rng.randint(0, 12)):
        cells = [draw(rng, ROW_CELLS.get(name.strip().lower(), (["x"], []))) for name in header]
        if rng.random() < 0.05:
            cells = cells[: rng.randint(1, len(cells))]  # a short row: csv gives None cells
        lines.append(",".join(f'"{cell}"' for cell in cells))
    return "\n".join(lines) + "\n"


def random_rates(rng):
    text = rng.choice(RATE_TABLES)
    return original("rates").DEFAULT_RATES if text is None else original("rates").parse_rates(text)


def test_import_matches_the_original_on_generated_files():
    rng = random.Random(1901)
    raised = errors = claims = 0
    for _ in range(150):
        text, rates = random_csv(rng), random_rates(rng)
        expected = outcome(original("importer").import_claims, text, rates)
        assert outcome(import_claims, text, rates) == expected, text
        raised += expected[0] == "raised"
        if expected[0] == "returned":
            result = original("importer").import_claims(text, rates)
            errors, claims = errors + len(result.errors), claims + len(result.claims)
    # The generator must reach every path often, or the comparison proves little.
    assert raised > 3 and errors > 200 and claims > 100


CLAIM_VALUES = {
    "id": (["C-1", "C-2", "C-3", "C-4", "C-5", 7], [None]),
    "employee": (["E1001", "E1001", "E1002", "E1003"], ["e1001", " E1002", "E1003 ", None, 1001,
                                                      ""]),
    "amount": (["12.50", "12.25", "12.5", 12, "250", "60.00", "60.01", 1.5, "1.500", "0.03",
                "2.05", " 7.50", "150.01", "500.01", "0.125", "499.995"],
               [0, -1, None, "x", "NaN", "0"]),
    "currency": (["EUR", "EUR", "USD", "JPY", "GBP"], ["eur", " USD", None, "XXX"]),
    "category": (["meals", "meals", "travel", "lodging", "supplies"], ["Meals", "x", None]),
    "date": (["2026-03-02", "2026-03-02", " 2026-03-03", "2026-03-04"], ["bad", None, ""]),
}


DECIMAL_AMOUNTS = ["12.50", "12.25", "0.125", "250", "1.500", "0", "-0.01", "60.01", "NaN",
                   "2.05", "0.03", "499.995"]


def random_claim(rng, dates):
    claim = {key: draw(rng, values) for key, values in CLAIM_VALUES.items()}
    if rng.random() < 0.3:
        claim["amount"] = Decimal(rng.choice(DECIMAL_AMOUNTS))
    if rng.random() < 0.4:
        claim["date"] = rng.choice(dates)
    if rng.random() < 0.05:
        del claim[rng.choice(list(claim))]
    return claim


def random_batch(rng):
    dates = [date(2026, 3, 2), date(2026, 3, 4), datetime(2026, 3, 2, 9, 30)]
    claims: list[dict] = []
    for number in range(rng.randint(0, 10)):
        if claims and rng.random() < 0.25:  # the same expense claimed again
            claims.append({**rng.choice(claims), "id": f"C-{number}"})
        else:
            claims.append(random_claim(rng, dates))
    return claims


def random_limits(rng):
    return rng.choice([None, {}, {"meals": Decimal("12.25")}, {"travel": Decimal("6.12"),
                                                                "supplies": Decimal("0")}])


def test_review_matches_the_original_on_generated_batches():
    rng = random.Random(1902)
    statuses, duplicates = [], 0
    for _ in range(150):
        claims, rates, limits = random_batch(rng), random_rates(rng), random_limits(rng)
        expected = original("approval").review_claims(claims, rates, limits)
        actual = review_claims(claims, rates, limits)
        assert as_data(actual) == as_data(expected), claims
        assert count_by_status(actual) == original("approval").count_by_status(expected)
        report = original("reports").render_report(expected, "March")
        assert render_report(actual, "March") == report
        assert render_report(actual) == original("reports").render_report(expected)
        statuses.extend(decision.status for decision in expected)
        duplicates += sum(reason.startswith("duplicate of claim ")
                          for decision in expected for reason in decision.reasons)
    assert min(statuses.count(status) for status in ("approved", "needs_review", "rejected")) > 30
    assert duplicates > 10


def test_export_matches_the_original_on_generated_batches(tmp_path):
    rng = random.Random(1903)
    skipped = written = 0
    for _ in range(150):
        claims, rates = random_batch(rng), random_rates(rng)
        expected = outcome(original("export").export_ledger, claims, rates, tmp_path / "o.csv")
        assert outcome(export_ledger, claims, rates, tmp_path / "a.csv") == expected, claims
        if expected[0] == "returned":
            assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "o.csv").read_bytes(), claims
            summary = original("export").export_ledger(claims, rates, tmp_path / "o.csv")
            skipped, written = skipped + len(summary.skipped), written + summary.lines
    assert skipped > 100 and written > 100


def test_the_monthly_run_matches_the_original(tmp_path):
    rng = random.Random(1904)
    for _ in range(60):
        text, rates_text, limits = random_csv(rng), rng.choice(RATE_TABLES), random_limits(rng)
        answer_files = (tmp_path / "answer.csv", tmp_path / "answer.txt")
        original_files = (tmp_path / "original.csv", tmp_path / "original.txt")
        expected = outcome(original("pipeline").run_month, text, original_files[0], rates_text,
                           limits, original_files[1])
        actual = outcome(run_month, text, answer_files[0], rates_text, limits, answer_files[1])
        assert actual == expected, text
        if expected[0] == "returned":
            for answer_file, original_file in zip(answer_files, original_files, strict=True):
                assert answer_file.read_bytes() == original_file.read_bytes(), text
                answer_file.unlink()


RATE_LINES = ["USD=0.9", "usd = 0.5", "EUR=1", "EUR=1.0", "EUR=2", "GBP=0", "GBP=-1", "JPY=abc",
              "JPY=NaN", "JPY=Infinity", "CHF 1.04", "US=1", "USDX=1", "U1D=1", "# note", "",
              "   ", " gbp=1.125 ", "=1", "CHF=1e-3"]


def test_rates_tables_are_read_like_the_original():
    rng = random.Random(1905)
    for _ in range(300):
        text = "\n".join(rng.choice(RATE_LINES) for _ in range(rng.randint(0, 4)))
        assert outcome(parse_rates, text) == outcome(original("rates").parse_rates, text), text
