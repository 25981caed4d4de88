"""The overdue report the front desk prints every morning."""

import sqlite3
from datetime import date
from typing import Any

from . import fines
from .models import cents_to_text
from .repository import LibraryRepository


def _entry(row: sqlite3.Row, today: date) -> tuple[dict[str, Any], int]:
    due_on = date.fromisoformat(row["due_on"])
    fine = fines.fine_cents(due_on, today, row["kind"])
    entry = {
        "loan_id": row["loan_id"],
        "member_id": row["member_id"],
        "member_name": row["name"],
        "title": row["title"],
        "due_on": row["due_on"],
        "days_overdue": (today - due_on).days,
        "fine": cents_to_text(fine),
    }
    return entry, fine


def overdue_report(conn: sqlite3.Connection, today: date) -> dict[str, Any]:
    priced = [_entry(row, today) for row in LibraryRepository(conn).overdue_loans(today)]
    entries = sorted((entry for entry, _ in priced),
                     key=lambda entry: (-entry["days_overdue"], entry["loan_id"]))
    total = sum(fine for _, fine in priced)
    return {"as_of": today.isoformat(), "loans": entries, "total_fines": cents_to_text(total)}
