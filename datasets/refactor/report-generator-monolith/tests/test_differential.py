"""The refactored report against the original script (original_sales_report.py, a byte copy of
the starter), on seeded random CSV files: same report text and JSON, same errors (type and
message), and from the CLI the same exit code, stdout, stderr and written file."""

import contextlib
import csv
import importlib.util
import io
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import reports.sales_report as answer


def _load_original() -> ModuleType:
    # A private module name, so the copy never collides with the answer's `reports` package.
    path = Path(__file__).with_name("original_sales_report.py")
    spec = importlib.util.spec_from_file_location("_original_sales_report_script", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


original = _load_original()

COLUMNS = ["order_id", "date", "region", "product", "quantity", "unit_price"]
REGIONS = [
    "north", " North ", "SOUTH", "east  west", "south", "Zürich",
    "a region name longer than sixteen",
]
PRODUCTS = ["Widget", "widget ", "GADGET", "gizmo  pro", "bolt"]
GOOD_QUANTITIES = ["1", "2", "3", "10", " 4 ", "+2", "007"]
BAD_QUANTITIES = ["0", "-1", "x", "1.5", ""]
GOOD_PRICES = ["10.00", "$1,200.50", "5.255", "0", "0.005", "2.675", "1.125", "1e2", "-0", "3"]
BAD_PRICES = ["-1", "NaN", "Infinity", "sNaN", "abc", "", "$-2.00"]
BAD_DATES = ["2026-02-30", "yesterday", "", "2026/01/01", "31/13/2026"]
STATUSES = ["", "", "", "paid", "Refunded", "CANCELLED", " cancelled ", "pending"]


def pick(rng: random.Random, good: list[str], bad: list[str], bad_rate: float = 0.08) -> str:
    return rng.choice(bad if rng.random() < bad_rate else good)


def random_date(rng: random.Random) -> str:
    if rng.random() < 0.06:
        return rng.choice(BAD_DATES)
    year, month, day = rng.choice([2025, 2026]), rng.randint(1, 12), rng.randint(1, 28)
    if rng.random() < 0.3:
        return f"{day:02d}/{month:02d}/{year}"
    return f"{year}-{month:02d}-{day:02d}"


def random_cell(rng: random.Random, column: str) -> str:
    makers: dict[str, Callable[[], str]] = {
        "order_id": lambda: pick(rng, [f"A{rng.randint(1, 40)}"], ["", " A1 "], 0.05),
        "date": lambda: random_date(rng),
        "region": lambda: pick(rng, REGIONS, ["", "  "], 0.04),
        "product": lambda: pick(rng, PRODUCTS, [""], 0.04),
        "quantity": lambda: pick(rng, GOOD_QUANTITIES, BAD_QUANTITIES),
        "unit_price": lambda: pick(rng, GOOD_PRICES, BAD_PRICES),
        "status": lambda: rng.choice(STATUSES),
    }
    return makers.get(column, lambda: rng.choice(["x", "", "note, with comma"]))()


def random_header(rng: random.Random) -> list[str]:
    header = list(COLUMNS)
    if rng.random() < 0.6:
        header.append("status")
    if rng.random() < 0.2:
        header.insert(rng.randint(0, len(header)), "notes")
    if rng.random() < 0.05:
        header.remove(rng.choice(COLUMNS))
    rng.shuffle(header)
    return [rng.choice([name, name.upper(), f" {name.title()} "]) for name in header]


def random_row(rng: random.Random, header: list[str]) -> list[str]:
    if rng.random() < 0.04:
        return [""] * len(header)
    row = [random_cell(rng, name.strip().lower()) for name in header]
    if rng.random() < 0.04:
        return row[: rng.randint(1, len(row) - 1)]  # a short row: DictReader fills in None
    if rng.random() < 0.04:
        return [*row, "surplus"]
    return row


def random_csv(rng: random.Random) -> str:
    if rng.random() < 0.02:
        return ""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = random_header(rng)
    writer.writerow(header)
    for _ in range(rng.randint(0, 25)):
        writer.writerow(random_row(rng, header))
    return buffer.getvalue()


def write_export(rng: random.Random, path: Path) -> None:
    # Now and then a spreadsheet saves the export as Latin-1, which is not valid UTF-8.
    encoding = "latin-1" if rng.random() < 0.05 else "utf-8"
    path.write_bytes(random_csv(rng).encode(encoding))


def outcome(report_error: type, function: Callable[..., Any], *args: Any) -> tuple[Any, ...]:
    try:
        return ("returned", function(*args))
    except Exception as error:  # every exception is part of the behaviour being compared
        return ("raised", type(error).__name__, str(error), isinstance(error, report_error))


def path_variants(path: Path) -> list[Any]:
    return [path, str(path), f"{path.parent}/./{path.name}"]


@pytest.mark.parametrize("seed", [3, 1234, 777])
def test_generate_report_behaves_like_the_original(tmp_path, seed):
    rng = random.Random(seed)
    for case in range(60):
        path = tmp_path / f"sales-{case}.csv"
        write_export(rng, path)
        given = rng.choice(path_variants(path))
        for fmt in ("text", "json", rng.choice(["xml", "TEXT", ""])):
            for group_by in ("region", "product", "month", rng.choice(["customer", "Region"])):
                report = (given, fmt, group_by)
                got = outcome(answer.ReportError, answer.generate_report, *report)
                want = outcome(original.ReportError, original.generate_report, *report)
                assert got == want, f"case {case} {fmt}/{group_by}:\n{path.read_text()}"


def test_default_options_and_missing_files_behave_like_the_original(tmp_path):
    rng = random.Random(99)
    for case in range(40):
        path = tmp_path / f"sales-{case}.csv"
        if rng.random() < 0.9:
            write_export(rng, path)
        elif rng.random() < 0.5:
            path.mkdir()  # exists, but is no file
        given = rng.choice(path_variants(path))
        got = outcome(answer.ReportError, answer.generate_report, given)
        want = outcome(original.ReportError, original.generate_report, given)
        assert got == want, f"case {case}"


def run_cli(main: Callable[[list[str]], int], argv: list[str]) -> tuple[Any, ...]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code: Any = main(list(argv))
        except SystemExit as exit_:  # argparse rejects the command line
            code = ("exit", exit_.code)
        except Exception as error:  # an error the CLI does not report is behaviour too
            code = ("raised", type(error).__name__, str(error))
    return code, out.getvalue(), err.getvalue()


def random_argv(rng: random.Random, source: Path, target: Path) -> list[str]:
    argv = [str(source)]
    if rng.random() < 0.5:
        argv += ["--format", rng.choice(["text", "json", "json", "yaml"])]
    if rng.random() < 0.5:
        argv += ["--group-by", rng.choice(["region", "product", "month", "day"])]
    if rng.random() < 0.5:
        argv += ["--output", str(target)]
    return argv


def cli_effects(
    main: Callable[[list[str]], int], argv: list[str], target: Path
) -> tuple[Any, ...]:
    """What a CLI run shows: exit code, stdout, stderr, and the report file it wrote, if any."""
    shown = run_cli(main, argv)
    written = target.read_text(encoding="utf-8") if target.is_file() else None
    if target.is_file():
        shutil.rmtree(target.parent)  # the next run must create the folder again
    return (*shown, written)


@pytest.mark.parametrize("seed", [5, 6])
def test_cli_behaves_like_the_original(tmp_path, seed):
    rng = random.Random(seed)
    blocked = tmp_path / "a-directory"
    blocked.mkdir()
    for case in range(40):
        source = tmp_path / f"in-{case}.csv"
        if rng.random() < 0.9:
            write_export(rng, source)
        target = blocked if rng.random() < 0.1 else tmp_path / "out" / f"{case}" / "report.txt"
        argv = random_argv(rng, source, target)
        got = cli_effects(answer.main, argv, target)
        assert got == cli_effects(original.main, argv, target), f"case {case}: {argv}"


def test_bad_command_lines_exit_like_the_original(tmp_path):
    for argv in ([], ["a.csv", "--colour"], ["a.csv", "--format"]):
        got_code, got_out, _ = run_cli(answer.main, argv)
        want_code, want_out, _ = run_cli(original.main, argv)
        assert (got_code, got_out) == (want_code, want_out), argv
