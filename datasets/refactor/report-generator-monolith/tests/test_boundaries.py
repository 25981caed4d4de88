"""The two entry points the request asks for: cleaned rows from a file, group totals as numbers."""

import importlib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from reports.sales_report import ReportError

SALES_CSV = """order_id,date,region,product,quantity,unit_price,status
A1,2026-01-05,north,Widget,2,10.00,
A2,06/01/2026, North ,widget,1,"$1,200.50",paid
A3,2026-01-07,south,Gadget,3,5.255,
A4,2026-02-01,south,gadget,x,5.00,
A2,2026-02-02,north,widget,1,1.00,
A5,2026-02-10,east,Gizmo,1,3.00,Refunded
A6,2026-13-01,east,Gizmo,1,3.00,
A7,2026-02-14,east,gizmo,4,2.50,
,,,,,,
A8,2026-02-15,west,,1,1.00,
A9,2026-02-16,west,bolt,1,-1,
"""


# The new modules are imported when a test calls them, not when this file is collected, so on
# code without a boundary each of its tests fails by name instead of stopping the whole run.
def read_sales(path: Any) -> Any:
    return importlib.import_module("reports.parsing").read_sales(path)


def group_totals(rows: Any, *args: Any) -> Any:
    return importlib.import_module("reports.aggregation").group_totals(rows, *args)


def sale(order_id, day, region, product, quantity, unit_price):
    return {
        "order_id": order_id,
        "date": day,
        "region": region,
        "product": product,
        "quantity": quantity,
        "unit_price": Decimal(unit_price),
    }


CLEAN_ROWS = [
    sale("A1", date(2026, 1, 5), "North", "widget", 2, "10.00"),
    sale("A2", date(2026, 1, 6), "North", "widget", 1, "1200.50"),
    sale("A3", date(2026, 1, 7), "South", "gadget", 3, "5.255"),
    sale("A7", date(2026, 2, 14), "East", "gizmo", 4, "2.50"),
]


@pytest.fixture
def sales_file(tmp_path: Path) -> Path:
    path = tmp_path / "sales.csv"
    path.write_text(SALES_CSV, encoding="utf-8")
    return path


def test_parsing_boundary_read_sales_returns_clean_rows_in_file_order(sales_file):
    rows, _ = read_sales(sales_file)
    assert rows == CLEAN_ROWS
    assert [type(row["date"]) for row in rows] == [date] * 4
    assert [str(row["unit_price"]) for row in rows] == ["10.00", "1200.50", "5.255", "2.50"]


def test_parsing_boundary_read_sales_lists_skipped_rows_like_the_report(sales_file):
    _, skipped = read_sales(str(sales_file))
    assert skipped == [
        {"line": 5, "reason": "invalid quantity 'x'"},
        {"line": 6, "reason": "duplicate order_id A2"},
        {"line": 7, "reason": "status refunded"},
        {"line": 8, "reason": "invalid date '2026-13-01'"},
        {"line": 11, "reason": "missing region or product"},
        {"line": 12, "reason": "invalid unit_price '-1'"},
    ]


def test_parsing_boundary_read_sales_file_without_valid_rows_is_not_an_error(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "order_id,date,region,product,quantity,unit_price\n1,yesterday,north,a,1,1\n",
        encoding="utf-8",
    )
    assert read_sales(path) == ([], [{"line": 2, "reason": "invalid date 'yesterday'"}])


def test_parsing_boundary_read_sales_raises_the_reports_errors(tmp_path):
    missing = tmp_path / "nope.csv"
    with pytest.raises(ReportError) as not_found:
        read_sales(missing)
    assert str(not_found.value) == f"input file not found: {missing}"
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ReportError) as is_empty:
        read_sales(str(empty))
    assert str(is_empty.value) == f"{empty} is empty"
    partial = tmp_path / "partial.csv"
    partial.write_text("order_id,Date,region\n1,2026-01-01,north\n", encoding="utf-8")
    with pytest.raises(ReportError) as columns:
        read_sales(partial)
    assert str(columns.value) == f"{partial} is missing columns: product, quantity, unit_price"


def test_aggregation_boundary_group_totals_by_region_by_default():
    assert group_totals(CLEAN_ROWS) == [
        {"name": "North", "orders": 2, "units": 3, "revenue": Decimal("1220.50")},
        {"name": "South", "orders": 1, "units": 3, "revenue": Decimal("15.765")},
        {"name": "East", "orders": 1, "units": 4, "revenue": Decimal("10.00")},
    ]


def test_aggregation_boundary_group_totals_by_product_and_month_keep_exact_revenue():
    assert group_totals(CLEAN_ROWS, "product") == [
        {"name": "widget", "orders": 2, "units": 3, "revenue": Decimal("1220.50")},
        {"name": "gadget", "orders": 1, "units": 3, "revenue": Decimal("15.765")},
        {"name": "gizmo", "orders": 1, "units": 4, "revenue": Decimal("10.00")},
    ]
    by_month = group_totals(CLEAN_ROWS, "month")
    assert by_month == [
        {"name": "2026-01", "orders": 3, "units": 6, "revenue": Decimal("1236.265")},
        {"name": "2026-02", "orders": 1, "units": 4, "revenue": Decimal("10.00")},
    ]
    assert str(by_month[0]["revenue"]) == "1236.265"


def test_aggregation_boundary_group_totals_ties_on_revenue_sorted_by_name():
    rows = [
        sale("1", date(2026, 3, 1), "Zeta", "a", 1, "5"),
        sale("2", date(2026, 3, 2), "Alpha", "b", 5, "1"),
        sale("3", date(2026, 3, 3), "Mid", "c", 1, "7"),
        sale("4", date(2026, 3, 4), "Alpha", "d", 1, "0"),
    ]
    assert [(g["name"], g["orders"], g["units"]) for g in group_totals(rows, "region")] == [
        ("Mid", 1, 1),
        ("Alpha", 2, 6),
        ("Zeta", 1, 1),
    ]


def test_aggregation_boundary_group_totals_of_no_rows_is_empty():
    assert group_totals([]) == []
    assert group_totals([], "month") == []
