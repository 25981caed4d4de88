"""Turning database rows into the JSON bodies the API returns."""

import sqlite3
from datetime import date
from typing import Any


def cents_to_text(cents: int) -> str:
    """Money goes out as a string with two decimals: 125 -> "1.25"."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole}.{part:02d}"


def member_to_dict(row: sqlite3.Row, balance_cents: int, open_loans: int) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "email": row["email"],
        "kind": row["kind"],
        "joined_on": row["joined_on"],
        "balance": cents_to_text(balance_cents),
        "open_loans": open_loans,
    }


def book_to_dict(row: sqlite3.Row, on_loan: int) -> dict[str, Any]:
    return {
        "id": row["id"],
        "isbn": row["isbn"],
        "title": row["title"],
        "author": row["author"],
        "copies": row["copies"],
        "available": row["copies"] - on_loan,
    }


def loan_to_dict(row: sqlite3.Row, fine_cents: int, today: date) -> dict[str, Any]:
    returned = row["returned_on"] is not None
    return {
        "id": row["id"],
        "member_id": row["member_id"],
        "book_id": row["book_id"],
        "borrowed_on": row["borrowed_on"],
        "due_on": row["due_on"],
        "returned_on": row["returned_on"],
        "renewals": row["renewals"],
        "fine": cents_to_text(fine_cents),
        "overdue": not returned and date.fromisoformat(row["due_on"]) < today,
    }
