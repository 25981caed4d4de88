"""generate_report: parse, aggregate and render in one call."""

from collections.abc import Callable
from pathlib import Path

from reports.aggregation import GROUP_KEYS, summarise
from reports.errors import ReportError
from reports.models import Summary
from reports.parsing import read_sale_records
from reports.rendering import render_json, render_text

RENDERERS: dict[str, Callable[[Summary], str]] = {"text": render_text, "json": render_json}


def generate_report(path: str | Path, fmt: str = "text", group_by: str = "region") -> str:
    if fmt not in RENDERERS:
        raise ReportError(f"unknown format {fmt!r}, expected 'text' or 'json'")
    if group_by not in GROUP_KEYS:
        raise ReportError(f"cannot group by {group_by!r}, expected region, product or month")
    path = Path(path)
    sales, skipped = read_sale_records(path)
    if not sales:
        raise ReportError(f"no valid rows in {path}")
    return RENDERERS[fmt](summarise(sales, skipped, group_by))
