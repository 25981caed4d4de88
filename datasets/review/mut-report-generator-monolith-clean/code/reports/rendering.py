"""Text and JSON renderings of a Summary."""

import json
from typing import Any

from reports.aggregation import round_half_up, share_percent
from reports.models import GroupTotals, Summary

_NAME_WIDTH = 16


def render_text(summary: Summary) -> str:
    row_count = summary.totals.orders
    lines = [
        f"Sales report by {summary.group_by} ({row_count} rows, {len(summary.skipped)} skipped)",
        f"Period: {summary.start.isoformat()} to {summary.end.isoformat()}",
        "",
        f"{summary.group_by:<{_NAME_WIDTH}}{'orders':>8}{'units':>8}{'revenue':>12}{'avg':>10}{'share':>8}",
    ]
    for group in summary.groups:
        share = share_percent(group.revenue, summary.totals.revenue)
        lines.append(f"{_text_columns(group)}{f'{share}%':>8}")
    lines.append(_text_columns(summary.totals))
    if summary.skipped:
        lines += ["", "Skipped rows:"]
        lines += [f"  line {row.line}: {row.reason}" for row in summary.skipped]
    return "\n".join(lines) + "\n"


def _text_columns(group: GroupTotals) -> str:
    return (
        f"{group.name[:_NAME_WIDTH]:<{_NAME_WIDTH}}{group.orders:>8}{group.units:>8}"
        f"{round_half_up(group.revenue)!s:>12}{round_half_up(group.average_order)!s:>10}"
    )


def render_json(summary: Summary) -> str:
    document = {
        "group_by": summary.group_by,
        "period": {"start": summary.start.isoformat(), "end": summary.end.isoformat()},
        "groups": [
            {
                "name": group.name,
                **_json_amounts(group),
                "share_percent": str(share_percent(group.revenue, summary.totals.revenue)),
            }
            for group in summary.groups
        ],
        "totals": _json_amounts(summary.totals),
        "skipped": [{"line": row.line, "reason": row.reason} for row in summary.skipped],
    }
    return json.dumps(document, indent=2)


def _json_amounts(group: GroupTotals) -> dict[str, Any]:
    return {
        "orders": group.orders,
        "units": group.units,
        "revenue": str(round_half_up(group.revenue)),
        "average_order": str(round_half_up(group.average_order)),
    }
