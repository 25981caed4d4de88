"""Fixed-width text rendering of an invoice dict."""

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from billing.money import plain_number

WIDTH = 60
LABEL_WIDTH = 46
AMOUNT_WIDTH = WIDTH - LABEL_WIDTH


def render_invoice(invoice: Mapping[str, Any]) -> str:
    last_day = invoice["period_end"] - timedelta(days=1)
    rows = [
        f"INVOICE {invoice['number']}",
        f"Customer: {invoice['customer_id']}",
        f"Period: {invoice['period_start'].isoformat()} to {last_day.isoformat()}",
        "-" * WIDTH,
        *(_row(_fit(line["description"]), line["amount"]) for line in invoice["lines"]),
        "-" * WIDTH,
        *_summary_rows(invoice),
        *(f"Note: {note}" for note in invoice["notes"]),
    ]
    return "\n".join(rows) + "\n"


def _summary_rows(invoice: Mapping[str, Any]) -> list[str]:
    rows = [_row("Subtotal", invoice["subtotal"])]
    if invoice["discount"] > 0:
        label = f"Discount ({plain_number(invoice['discount_percent'])}%)"
        rows.append(_row(label, f"-{invoice['discount']}"))
    if invoice["tax_rate"] > 0:
        rows.append(_row(f"Tax ({plain_number(invoice['tax_rate'])}%)", invoice["tax"]))
    rows.append(_row(f"Total {invoice['currency']}", invoice["total"]))
    return rows


def _fit(description: str) -> str:
    if len(description) <= LABEL_WIDTH:
        return description
    return description[: LABEL_WIDTH - 1] + "~"


def _row(label: str, amount: object) -> str:
    return f"{label:<{LABEL_WIDTH}}{amount!s:>{AMOUNT_WIDTH}}"
