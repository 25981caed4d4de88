"""The admin commands, run in-process against a temporary database."""

import io
from pathlib import Path

from stockroom.cli import main


def run(database: Path, *arguments: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--database", str(database), *arguments], out=out)
    return code, out.getvalue()


def write_catalogue(path: Path, *rows: str) -> Path:
    path.write_text("sku,name,reorder_level\n" + "".join(f"{row}\n" for row in rows), "utf-8")
    return path


def test_catalogue_import_creates_products(tmp_path: Path) -> None:
    catalogue = write_catalogue(tmp_path / "cat.csv", "BOLT-M8,Bolt M8,5", "NUT-M8,Nut M8,0")

    code, output = run(tmp_path / "stock.db", "import-catalogue", str(catalogue))

    assert (code, output) == (0, "2 created, 0 already present, 0 invalid\n")


def test_catalogue_import_skips_existing_and_reports_invalid(tmp_path: Path) -> None:
    run(
        tmp_path / "stock.db",
        "import-catalogue",
        str(write_catalogue(tmp_path / "a.csv", "BOLT-M8,Bolt,5")),
    )
    catalogue = write_catalogue(
        tmp_path / "b.csv", "BOLT-M8,Bolt,5", "bad sku,Thing,1", "NUT-M8,Nut,2"
    )

    code, output = run(tmp_path / "stock.db", "import-catalogue", str(catalogue))

    assert code == 1
    assert output.splitlines() == [
        "line 3: invalid product, not imported",
        "1 created, 1 already present, 1 invalid",
    ]


def test_reorder_report_lists_low_products(tmp_path: Path) -> None:
    catalogue = write_catalogue(tmp_path / "cat.csv", "BOLT-M8,Bolt M8,5", "NUT-M8,Nut M8,0")
    run(tmp_path / "stock.db", "import-catalogue", str(catalogue))

    code, output = run(tmp_path / "stock.db", "reorder-report")

    assert code == 0
    lines = output.splitlines()
    assert lines[-1] == "2 products to reorder"
    assert lines[0].split() == ["BOLT-M8", "0", "/", "5", "Bolt", "M8"]
