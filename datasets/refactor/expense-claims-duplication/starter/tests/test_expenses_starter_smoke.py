"""The team's own smoke tests of the monthly expenses run."""

from decimal import Decimal

from expenses.pipeline import run_month

CSV = """id,employee,amount,currency,category,date
C-1,e1001,12.50,eur,Meals,2026-03-02
C-2,E1001,250,JPY,travel,2026-03-03
C-3,E1002,-4,EUR,meals,2026-03-04
C-4,E1002,75.00,EUR,meals,2026-03-05
"""


def test_a_month_is_imported_reviewed_and_exported(tmp_path):
    ledger = tmp_path / "ledger.csv"
    result = run_month(CSV, ledger)
    assert result["import_errors"] == ["line 4: amount must be positive"]
    assert result["approved"] == 2
    assert result["review_queue"] == ["C-4"]
    assert result["total"] == Decimal("14.03")
    assert ledger.read_text().splitlines() == [
        "claim;employee;date;category;amount_eur",
        "C-1;E1001;2026-03-02;meals;12.50",
        "C-2;E1001;2026-03-03;travel;1.53",
        "total;E1001;;;14.03",
        "total;ALL;;;14.03",
    ]
