"""Write approved claims to the payroll ledger file.

Payroll's importer is picky, so every claim is checked again (by the export rules of
`expenses.validation`) before it is written: a claim that would break the ledger is skipped and
counted instead. The ledger is `;`-separated, sorted by employee, then date, then claim id, with
a total after each employee and a grand total.
"""

from collections.abc import Mapping
from decimal import Decimal
from itertools import groupby
from pathlib import Path

from .models import LedgerSummary
from .money import to_base
from .rates import BASE_CURRENCY
from .validation import lower, parse_date, printed, upper, validate_claim

HEADER = f"claim;employee;date;category;amount_{BASE_CURRENCY.lower()}"
LedgerRow = tuple[str, str, str, str, Decimal]


def _ledger_row(claim: dict, rates: Mapping[str, Decimal]) -> LedgerRow:
    """(employee, date, claim id, category, base amount) of a claim that passed the checks."""
    base_amount = to_base(Decimal(printed(claim.get("amount"))), upper(claim.get("currency")),
                          rates, "export")
    return (claim["employee"], parse_date(claim.get("date")).isoformat(), str(claim.get("id")),
            lower(claim.get("category")), base_amount)


def _employee_lines(employee: str, rows: list[LedgerRow]) -> list[str]:
    lines = [f"{claim_id};{employee};{spent_on};{category};{base_amount}"
             for _, spent_on, claim_id, category, base_amount in rows]
    total = sum((row[4] for row in rows), Decimal("0.00"))
    return [*lines, f"total;{employee};;;{total}"]


def ledger_lines(claims: list[dict],
                 rates: Mapping[str, Decimal]) -> tuple[list[str], list[str]]:
    """The ledger's lines (header first) and, for each claim left out, why."""
    valid, skipped = [], []
    for claim in claims:
        problems = validate_claim(claim, "export", rates)
        if problems:
            skipped.append(f"{claim.get('id')}: {'; '.join(problems)}")
        else:
            valid.append(claim)
    rows = sorted((_ledger_row(claim, rates) for claim in valid),
                  key=lambda row: (row[0], row[1], row[2]))
    lines = [HEADER]
    for employee, group in groupby(rows, key=lambda row: row[0]):
        lines.extend(_employee_lines(employee, list(group)))
    grand_total = sum((row[4] for row in rows), Decimal("0.00"))
    lines.append(f"total;ALL;;;{grand_total}")
    return lines, skipped


def export_ledger(claims: list[dict], rates: Mapping[str, Decimal],
                  path: Path | str) -> LedgerSummary:
    """Write the ledger of these (approved) claims to `path`, replacing the file.

    Returns how many claim lines were written, the total, and why claims were skipped.
    """
    lines, skipped = ledger_lines(claims, rates)
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    total = Decimal(lines[-1].rsplit(";", 1)[1])
    return LedgerSummary(lines=len(claims) - len(skipped), skipped=skipped, total=total)
