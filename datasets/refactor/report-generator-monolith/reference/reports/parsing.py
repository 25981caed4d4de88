"""Reading the sales CSV and turning each row into a clean Sale, or a reason to skip it."""

import csv
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from reports.errors import ReportError
from reports.models import Sale, SkippedRow

REQUIRED_COLUMNS = ("order_id", "date", "region", "product", "quantity", "unit_price")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
EXCLUDED_STATUSES = ("refunded", "cancelled")


class RowRejected(Exception):
    """A row that is skipped; the message is the reason shown in the report."""


def read_sales(path: str | Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The clean rows and the skipped rows of a sales CSV, as plain dicts."""
    sales, skipped = read_sale_records(Path(path))
    return [asdict(sale) for sale in sales], [asdict(row) for row in skipped]


def read_sale_records(path: Path) -> tuple[list[Sale], list[SkippedRow]]:
    if not path.exists():
        raise ReportError(f"input file not found: {path}")
    with path.open(newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        reader.fieldnames = _normalised_header(reader.fieldnames, path)
        return _clean_rows(reader)


def _normalised_header(fieldnames: Sequence[str] | None, path: Path) -> list[str]:
    if fieldnames is None:
        raise ReportError(f"{path} is empty")
    header = [name.strip().lower() for name in fieldnames]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ReportError(f"{path} is missing columns: {', '.join(missing)}")
    return header


def _clean_rows(reader: "csv.DictReader[str]") -> tuple[list[Sale], list[SkippedRow]]:
    sales: list[Sale] = []
    skipped: list[SkippedRow] = []
    seen_order_ids: set[str] = set()
    for raw in reader:
        values = _stripped_values(raw.items())
        if not any(values.values()):
            continue
        try:
            sale = parse_sale(values, seen_order_ids)
        except RowRejected as rejection:
            skipped.append(SkippedRow(reader.line_num, str(rejection)))
            continue
        seen_order_ids.add(sale.order_id)
        sales.append(sale)
    return sales, skipped


def _stripped_values(items: Iterable[tuple[str | None, object]]) -> dict[str, str]:
    # DictReader files surplus cells under a None key and fills missing cells with None.
    return {key: str(value or "").strip() for key, value in items if key is not None}


def parse_sale(values: dict[str, str], seen_order_ids: set[str]) -> Sale:
    status = values.get("status", "").lower()
    if status in EXCLUDED_STATUSES:
        raise RowRejected(f"status {status}")
    order_id = values["order_id"]
    if not order_id:
        raise RowRejected("missing order_id")
    if order_id in seen_order_ids:
        raise RowRejected(f"duplicate order_id {order_id}")
    sale_date = _parse_date(values["date"])
    region = _collapse_spaces(values["region"]).title()
    product = _collapse_spaces(values["product"]).lower()
    if not region or not product:
        raise RowRejected("missing region or product")
    quantity = _parse_quantity(values["quantity"])
    unit_price = _parse_price(values["unit_price"])
    return Sale(order_id, sale_date, region, product, quantity, unit_price)


def _parse_date(text: str) -> date:
    for date_format in DATE_FORMATS:
        try:
            return datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    raise RowRejected(f"invalid date {text!r}")


def _collapse_spaces(text: str) -> str:
    return " ".join(text.split())


def _parse_quantity(text: str) -> int:
    try:
        quantity = int(text)
    except ValueError:
        raise RowRejected(f"invalid quantity {text!r}") from None
    if quantity <= 0:
        raise RowRejected(f"invalid quantity {text!r}")
    return quantity


def _parse_price(text: str) -> Decimal:
    try:
        price = Decimal(text.replace("$", "").replace(",", ""))
    except InvalidOperation:
        raise RowRejected(f"invalid unit_price {text!r}") from None
    # Check finiteness first: comparing NaN with < raises InvalidOperation.
    if not price.is_finite() or price < 0:
        raise RowRejected(f"invalid unit_price {text!r}")
    return price
