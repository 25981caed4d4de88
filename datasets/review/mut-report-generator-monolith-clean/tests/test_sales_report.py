import json
from pathlib import Path

import pytest
from reports.sales_report import ReportError, generate_report, main

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


@pytest.fixture
def sales_file(tmp_path: Path) -> Path:
    path = tmp_path / "sales.csv"
    path.write_text(SALES_CSV, encoding="utf-8")
    return path


def write_csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "input.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_text_report_by_region(sales_file):
    expected = (
        "Sales report by region (4 rows, 6 skipped)\n"
        "Period: 2026-01-05 to 2026-02-14\n"
        "\n"
        "region            orders   units     revenue       avg   share\n"
        "North                  2       3     1220.50    610.25   97.9%\n"
        "South                  1       3       15.77     15.77    1.3%\n"
        "East                   1       4       10.00     10.00    0.8%\n"
        "TOTAL                  4      10     1246.27    311.57\n"
        "\n"
        "Skipped rows:\n"
        "  line 5: invalid quantity 'x'\n"
        "  line 6: duplicate order_id A2\n"
        "  line 7: status refunded\n"
        "  line 8: invalid date '2026-13-01'\n"
        "  line 11: missing region or product\n"
        "  line 12: invalid unit_price '-1'\n"
    )
    assert generate_report(sales_file) == expected


def test_json_report_by_region(sales_file):
    report = json.loads(generate_report(str(sales_file), fmt="json"))
    assert report["group_by"] == "region"
    assert report["period"] == {"start": "2026-01-05", "end": "2026-02-14"}
    assert report["groups"][0] == {
        "name": "North",
        "orders": 2,
        "units": 3,
        "revenue": "1220.50",
        "average_order": "610.25",
        "share_percent": "97.9",
    }
    assert [group["name"] for group in report["groups"]] == ["North", "South", "East"]
    assert report["totals"] == {
        "orders": 4,
        "units": 10,
        "revenue": "1246.27",
        "average_order": "311.57",
    }
    assert report["skipped"][0] == {"line": 5, "reason": "invalid quantity 'x'"}
    assert [entry["line"] for entry in report["skipped"]] == [5, 6, 7, 8, 11, 12]


def test_group_by_product_normalises_names(sales_file):
    report = json.loads(generate_report(sales_file, fmt="json", group_by="product"))
    assert [(g["name"], g["orders"], g["revenue"]) for g in report["groups"]] == [
        ("widget", 2, "1220.50"),
        ("gadget", 1, "15.77"),
        ("gizmo", 1, "10.00"),
    ]


def test_group_by_month(sales_file):
    report = json.loads(generate_report(sales_file, fmt="json", group_by="month"))
    assert [(g["name"], g["units"], g["share_percent"]) for g in report["groups"]] == [
        ("2026-01", 6, "99.2"),
        ("2026-02", 4, "0.8"),
    ]


def test_equal_revenue_groups_sorted_by_name_and_headers_are_normalised(tmp_path):
    path = write_csv(
        tmp_path,
        " Order_ID ,DATE,Region,Product,Quantity,Unit_Price\n"
        "1,2026-03-01,zeta,a,1,5\n"
        "2,2026-03-02,alpha,b,5,1\n"
        "3,2026-03-03,mid,c,1,7\n",
    )
    text = generate_report(path, group_by="region")
    names = [line.split()[0] for line in text.splitlines()[4:7]]
    assert names == ["Mid", "Alpha", "Zeta"]
    assert "(3 rows, 0 skipped)" in text.splitlines()[0]
    assert "Skipped rows:" not in text


def test_zero_revenue_gives_zero_share(tmp_path):
    path = write_csv(
        tmp_path,
        "order_id,date,region,product,quantity,unit_price\n1,2026-03-01,north,free,2,0\n",
    )
    group = json.loads(generate_report(path, fmt="json"))["groups"][0]
    assert group["revenue"] == "0.00"
    assert group["share_percent"] == "0.0"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"fmt": "xml"}, "unknown format"),
        ({"group_by": "customer"}, "cannot group by"),
    ],
)
def test_bad_options_raise_report_error(sales_file, kwargs, message):
    with pytest.raises(ReportError, match=message):
        generate_report(sales_file, **kwargs)


def test_missing_file_raises_report_error(tmp_path):
    with pytest.raises(ReportError, match="not found"):
        generate_report(tmp_path / "nope.csv")


def test_missing_columns_are_named(tmp_path):
    path = write_csv(tmp_path, "order_id,date,region,product\n1,2026-01-01,north,a\n")
    with pytest.raises(ReportError, match="missing columns: quantity, unit_price"):
        generate_report(path)


def test_empty_file_and_file_without_valid_rows(tmp_path):
    with pytest.raises(ReportError):
        generate_report(write_csv(tmp_path, ""))
    no_valid = write_csv(
        tmp_path,
        "order_id,date,region,product,quantity,unit_price\n1,yesterday,north,a,1,1\n",
    )
    with pytest.raises(ReportError, match="no valid rows"):
        generate_report(no_valid)


def test_nan_price_is_skipped(tmp_path):
    path = write_csv(
        tmp_path,
        "order_id,date,region,product,quantity,unit_price\n"
        "1,2026-01-01,north,a,1,NaN\n2,2026-01-01,north,a,1,2\n",
    )
    report = json.loads(generate_report(path, fmt="json"))
    assert report["skipped"] == [{"line": 2, "reason": "invalid unit_price 'NaN'"}]
    assert report["totals"]["revenue"] == "2.00"


def test_cli_prints_report_to_stdout(sales_file, capsys):
    assert main([str(sales_file), "--format", "json", "--group-by", "product"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["group_by"] == "product"


def test_cli_writes_output_file(sales_file, tmp_path, capsys):
    target = tmp_path / "out" / "report.txt"
    assert main([str(sales_file), "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == generate_report(sales_file)
    assert capsys.readouterr().out.strip() == f"wrote {target}"


def test_cli_reports_errors_with_exit_code_2(tmp_path, capsys):
    assert main([str(tmp_path / "missing.csv")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: input file not found")
