"""Matches incoming bank transfers to open invoices.

Finance downloads the business account's statement as CSV every morning:

    booked_on,description,amount,reference
    2025-04-02,ACME GMBH,"1,250.00",INV-20417 April retainer
    2025-04-02,CARD FEES,-14.90,

Amounts are in the account's currency with a dot for decimals and optional thousands commas.
Invoice totals are integer cents in the billing database. A transfer pays an invoice when its
reference or description names the invoice number and the amount is exactly the total.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

AMOUNT = re.compile(r"-?\d+(\.\d{1,2})?")
INVOICE_NUMBER = re.compile(r"\bINV-\d{4,8}\b")
COLUMNS = ("booked_on", "description", "amount", "reference")


class StatementError(ValueError):
    pass


@dataclass(frozen=True)
class StatementLine:
    booked_on: date
    description: str
    amount_cents: int
    reference: str


@dataclass(frozen=True)
class OpenInvoice:
    number: str
    customer: str
    total_cents: int


@dataclass
class Reconciliation:
    paid: dict[str, StatementLine] = field(default_factory=dict)
    """Invoice number -> the transfer that pays it."""
    wrong_amount: list[tuple[StatementLine, OpenInvoice]] = field(default_factory=list)
    unmatched: list[StatementLine] = field(default_factory=list)


def parse_amount(text: str) -> int:
    """The amount in cents: "1,250.00" is 125000, "-14.9" is -1490."""
    cleaned = text.strip().replace(",", "")
    if not AMOUNT.fullmatch(cleaned):
        raise StatementError(f"not an amount: {text!r}")
    return int(float(cleaned) * 100)


def read_statement(rows: Iterable[str]) -> list[StatementLine]:
    reader = csv.DictReader(rows)
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise StatementError(f"expected columns {', '.join(COLUMNS)}, got {reader.fieldnames}")
    lines = []
    for row in reader:
        try:
            booked_on = date.fromisoformat(row["booked_on"])
        except ValueError as exc:
            raise StatementError(f"line {reader.line_num}: bad date {row['booked_on']!r}") from exc
        lines.append(
            StatementLine(
                booked_on=booked_on,
                description=row["description"].strip(),
                amount_cents=parse_amount(row["amount"]),
                reference=(row["reference"] or "").strip(),
            )
        )
    return lines


def reconcile(lines: Sequence[StatementLine], invoices: Iterable[OpenInvoice]) -> Reconciliation:
    """Pair incoming transfers with the open invoices they pay; outgoing payments are ignored."""
    open_invoices = {invoice.number: invoice for invoice in invoices}
    result = Reconciliation()
    for line in lines:
        if line.amount_cents <= 0:
            continue
        numbers = INVOICE_NUMBER.findall(f"{line.reference} {line.description}")
        invoice = next(
            (open_invoices[n] for n in numbers if n in open_invoices and n not in result.paid),
            None,
        )
        if invoice is None:
            result.unmatched.append(line)
        elif line.amount_cents == invoice.total_cents:
            result.paid[invoice.number] = line
        else:
            result.wrong_amount.append((line, invoice))
    return result
