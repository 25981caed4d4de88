"""Command-line entry point: python -m reports.sales_report sales.csv [options]."""

import argparse
import sys
from pathlib import Path

from reports.errors import ReportError
from reports.pipeline import generate_report

_EXIT_ERROR = 2


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Summarise a sales CSV export.")
    parser.add_argument("input", help="CSV file with one order per row")
    parser.add_argument("--format", dest="fmt", default="text", help="text or json")
    parser.add_argument(
        "--group-by", dest="group_by", default="region", help="region, product or month"
    )
    parser.add_argument("--output", default=None, help="write the report here instead of stdout")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    try:
        report = generate_report(args.input, fmt=args.fmt, group_by=args.group_by)
        if args.output:
            _write_report(Path(args.output), report)
        else:
            sys.stdout.write(report)
    except ReportError as error:
        print(f"error: {error}", file=sys.stderr)
        return _EXIT_ERROR
    return 0


def _write_report(path: Path, report: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report, encoding="utf-8")
    except OSError as error:
        raise ReportError(f"cannot write {path}: {error}") from error
    print(f"wrote {path}")
