"""Grouping clean sales into per-group totals. Pure."""

from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from reports.models import GroupTotals, Sale, SkippedRow, Summary

GROUP_KEYS: dict[str, Callable[[Sale], str]] = {
    "region": lambda sale: sale.region,
    "product": lambda sale: sale.product,
    "month": lambda sale: sale.date.strftime("%Y-%m"),
}


def group_totals(
    rows: Iterable[Mapping[str, Any]], group_by: str = "region"
) -> list[dict[str, Any]]:
    """Per-group orders, units and exact revenue of clean rows, in the report's order."""
    sales = [Sale(**row) for row in rows]
    if not sales:
        return []
    return [
        {"name": group.name, "orders": group.orders, "units": group.units, "revenue": group.revenue}
        for group in summarise(sales, [], group_by).groups
    ]


def summarise(sales: list[Sale], skipped: list[SkippedRow], group_by: str) -> Summary:
    group_key = GROUP_KEYS[group_by]
    groups: dict[str, GroupTotals] = {}
    totals = GroupTotals("TOTAL")
    for sale in sales:
        name = group_key(sale)
        groups.setdefault(name, GroupTotals(name)).add(sale)
        totals.add(sale)
    return Summary(
        group_by=group_by,
        groups=sorted(groups.values(), key=lambda group: (-group.revenue, group.name)),
        totals=totals,
        start=min(sale.date for sale in sales),
        end=max(sale.date for sale in sales),
        skipped=skipped,
    )


def share_percent(part: Decimal, whole: Decimal) -> Decimal:
    if whole == 0:
        return Decimal("0.0")
    return round_half_up(part * 100 / whole, "0.1")


def round_half_up(amount: Decimal, step: str = "0.01") -> Decimal:
    return amount.quantize(Decimal(step), rounding=ROUND_HALF_UP)
