"""Public behaviour of the monthly run that the refactor must keep (hand-written cases)."""

from decimal import Decimal

import pytest
from expenses.errors import ExpenseError
from expenses.pipeline import run_month
from expenses.rates import parse_rates

CSV = """id,employee,amount,currency,category,date
C-1,e1001,12.50,eur,Meals,2026-03-02
C-2,E1001,250,JPY,travel,2026-03-03
C-3,E1002,-4,EUR,meals,2026-03-04
C-4,E1002,75.00,EUR,meals,2026-03-05
C-5,E1001,12.5,EUR,meals,2026-03-02
C-1,E1003,1.00,EUR,meals,2026-03-06
"""


def test_the_monthly_run_reports_each_stage(tmp_path):
    ledger, report = tmp_path / "ledger.csv", tmp_path / "report.txt"
    result = run_month(CSV, ledger, report_path=report)
    assert result == {
        "imported": 4,
        "import_errors": ["line 4: amount must be positive", "line 7: duplicate claim id 'C-1'"],
        "approved": 2,
        "needs_review": 1,
        "rejected": 1,
        "exported": 2,
        "skipped": [],
        "total": Decimal("14.03"),
        "review_queue": ["C-4"],
    }
    assert ledger.read_text().splitlines() == [
        "claim;employee;date;category;amount_eur",
        "C-1;E1001;2026-03-02;meals;12.50",
        "C-2;E1001;2026-03-03;travel;1.53",
        "total;E1001;;;14.03",
        "total;ALL;;;14.03",
    ]
    text = report.read_text()
    assert "  C-4: over the meals limit of 60.00 EUR" in text
    assert "  1 x duplicate" in text


def test_custom_rates_and_limits_change_the_outcome(tmp_path):
    result = run_month(CSV, tmp_path / "l.csv", rates_text="JPY=0.01\n",
                       limits={"meals": Decimal("80")})
    assert result["total"] == Decimal("90.00")
    assert result["review_queue"] == []


@pytest.mark.parametrize("text, message", [
    ("USD", "rates line 1: expected CUR=rate, got 'USD'"),
    ("\nUSD=abc", "rates line 2: 'abc' is not a number"),
    ("USD=0", "rates line 1: rate must be positive"),
    ("EUR=2", "rates line 1: EUR must have rate 1"),
])
def test_a_bad_rates_table_is_refused(text, message):
    with pytest.raises(ExpenseError) as raised:
        parse_rates(text)
    assert str(raised.value) == message


def test_a_file_without_a_required_column_is_refused(tmp_path):
    with pytest.raises(ExpenseError) as raised:
        run_month("id,employee,amount,currency,category\n", tmp_path / "l.csv")
    assert str(raised.value) == "missing column 'date'"
