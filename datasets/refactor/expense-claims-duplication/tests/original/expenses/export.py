"""Write approved claims to the payroll ledger file.

Payroll's importer is picky, so every claim is checked again before it is written: a claim that
would break the ledger is skipped and counted instead. The ledger is `;`-separated, sorted by
employee, then date, then claim id, with a total after each employee and a grand total.
"""

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from .models import CATEGORIES, LedgerSummary
from .rates import BASE_CURRENCY

EMPLOYEE_ID = re.compile(r"E\d{4}")
CENT = Decimal("0.01")
HEADER = f"claim;employee;date;category;amount_{BASE_CURRENCY.lower()}"


def _check_claim(claim: dict, rates: dict) -> list[str]:
    """Every problem that would break the ledger, in the importer's order.

    Payroll accepts zero-amount lines (they cancel an advance) and any case of currency, but
    the employee id must be exact: it is the payroll key.
    """
    problems = []
    employee = str(claim.get("employee") or "")
    if not EMPLOYEE_ID.fullmatch(employee):
        problems.append(f"bad employee id {employee!r}")
    amount_text = str(claim.get("amount")).strip()
    try:
        amount = Decimal(amount_text)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        problems.append(f"amount {amount_text!r} is not a number")
    elif amount < 0:
        problems.append("amount must not be negative")
    currency = str(claim.get("currency") or "").upper()
    if currency not in rates:
        problems.append(f"unknown currency {currency!r}")
    category = str(claim.get("category") or "").lower()
    if category not in CATEGORIES:
        problems.append(f"unknown category {category!r}")
    spent_on = claim.get("date")
    if not isinstance(spent_on, date):
        date_text = str(spent_on or "").strip()
        try:
            date.fromisoformat(date_text)
        except ValueError:
            problems.append(f"date {date_text!r} is not YYYY-MM-DD")
    return problems


def _ledger_row(claim: dict, rates: dict) -> tuple:
    """(employee, date, claim id, category, base amount) of a claim that passed the checks."""
    value = claim.get("date")
    spent_on = value if isinstance(value, date) else date.fromisoformat(str(value).strip())
    # Payroll re-converts from the claimed amount, rounding half-up like the importer.
    amount = Decimal(str(claim.get("amount")).strip())
    currency = str(claim.get("currency") or "").upper()
    base_amount = (amount * rates[currency]).quantize(CENT, rounding=ROUND_HALF_UP)
    category = str(claim.get("category") or "").lower()
    return (claim["employee"], spent_on.isoformat(), str(claim.get("id")), category, base_amount)


def ledger_lines(claims: list[dict], rates: dict) -> tuple[list[str], list[str]]:
    """The ledger's lines (header first) and, for each claim left out, why."""
    rows = []
    skipped = []
    for claim in claims:
        problems = _check_claim(claim, rates)
        if problems:
            skipped.append(f"{claim.get('id')}: {'; '.join(problems)}")
            continue
        rows.append(_ledger_row(claim, rates))
    rows.sort(key=lambda row: (row[0], row[1], row[2]))
    lines = [HEADER]
    grand_total = Decimal("0.00")
    employee_total = Decimal("0.00")
    for index, (employee, spent_on, claim_id, category, base_amount) in enumerate(rows):
        lines.append(f"{claim_id};{employee};{spent_on};{category};{base_amount}")
        employee_total += base_amount
        grand_total += base_amount
        if index + 1 == len(rows) or rows[index + 1][0] != employee:
            lines.append(f"total;{employee};;;{employee_total}")
            employee_total = Decimal("0.00")
    lines.append(f"total;ALL;;;{grand_total}")
    return lines, skipped


def export_ledger(claims: list[dict], rates: dict, path: Path | str) -> LedgerSummary:
    """Write the ledger of these (approved) claims to `path`, replacing the file.

    Returns how many claim lines were written, the total, and why claims were skipped.
    """
    lines, skipped = ledger_lines(claims, rates)
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    total = Decimal(lines[-1].rsplit(";", 1)[1])
    return LedgerSummary(lines=len(claims) - len(skipped), skipped=skipped, total=total)
