"""The overdue report the front desk prints every morning."""

import sqlite3
from datetime import date
from typing import Any

from . import config
from .models import cents_to_text


def _late_fee(kind: str, due_on: date, today: date) -> int:
    late = (today - due_on).days
    if late <= config.GRACE_DAYS:
        return 0
    fee = late * config.DAILY_FINE_CENTS[kind]
    if fee > config.MAX_FINE_CENTS[kind]:
        fee = config.MAX_FINE_CENTS[kind]
    return fee


def overdue_report(conn: sqlite3.Connection, today: date) -> dict[str, Any]:
    rows = conn.execute(
        "SELECT loans.id AS loan_id, loans.member_id, loans.due_on, members.name, "
        "members.kind, books.title FROM loans "
        "JOIN members ON members.id = loans.member_id "
        "JOIN books ON books.id = loans.book_id "
        "WHERE loans.returned_on IS NULL AND loans.due_on < ?",
        (today.isoformat(),),
    ).fetchall()
    entries = []
    total = 0
    for row in rows:
        due_on = date.fromisoformat(row["due_on"])
        fee = _late_fee(row["kind"], due_on, today)
        total += fee
        entries.append(
            {
                "loan_id": row["loan_id"],
                "member_id": row["member_id"],
                "member_name": row["name"],
                "title": row["title"],
                "due_on": row["due_on"],
                "days_overdue": (today - due_on).days,
                "fine": cents_to_text(fee),
            }
        )
    entries.sort(key=lambda entry: (-entry["days_overdue"], entry["loan_id"]))
    return {"as_of": today.isoformat(), "loans": entries, "total_fines": cents_to_text(total)}
