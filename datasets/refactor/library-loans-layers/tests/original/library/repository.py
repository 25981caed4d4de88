"""Database access for the routes."""

import sqlite3
from datetime import date
from typing import Any

from fastapi import HTTPException

from . import config
from .models import book_to_dict, loan_to_dict, member_to_dict


class LibraryRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get_member_or_404(self, member_id: int) -> sqlite3.Row:
        row = self.conn.execute("SELECT * FROM members WHERE id = ?", (member_id,)).fetchone()
        if row is None:
            raise HTTPException(status_code=404, detail="member not found")
        return row

    def get_book_or_404(self, book_id: int) -> sqlite3.Row:
        row = self.conn.execute("SELECT * FROM books WHERE id = ?", (book_id,)).fetchone()
        if row is None:
            raise HTTPException(status_code=404, detail="book not found")
        return row

    def get_loan_or_404(self, loan_id: int) -> sqlite3.Row:
        row = self.conn.execute("SELECT * FROM loans WHERE id = ?", (loan_id,)).fetchone()
        if row is None:
            raise HTTPException(status_code=404, detail="loan not found")
        return row

    def open_loans(self, member_id: int) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT * FROM loans WHERE member_id = ? AND returned_on IS NULL ORDER BY id",
            (member_id,),
        ).fetchall()

    def copies_on_loan(self, book_id: int) -> int:
        row = self.conn.execute(
            "SELECT COUNT(*) FROM loans WHERE book_id = ? AND returned_on IS NULL", (book_id,)
        ).fetchone()
        return int(row[0])

    def balance_cents(self, member_id: int) -> int:
        fines = self.conn.execute(
            "SELECT COALESCE(SUM(fine_cents), 0) FROM loans WHERE member_id = ?", (member_id,)
        ).fetchone()[0]
        paid = self.conn.execute(
            "SELECT COALESCE(SUM(amount_cents), 0) FROM payments WHERE member_id = ?",
            (member_id,),
        ).fetchone()[0]
        return int(fines) - int(paid)

    def member_dict(self, member_id: int) -> dict[str, Any]:
        row = self.get_member_or_404(member_id)
        return member_to_dict(row, self.balance_cents(member_id), len(self.open_loans(member_id)))

    def book_dict(self, book_id: int) -> dict[str, Any]:
        row = self.get_book_or_404(book_id)
        return book_to_dict(row, self.copies_on_loan(book_id))

    def loan_dict(self, row: sqlite3.Row, today: date) -> dict[str, Any]:
        if row["returned_on"] is not None:
            return loan_to_dict(row, row["fine_cents"] or 0, today)
        # An open loan shows the fine it would cost if returned today.
        kind = self.get_member_or_404(row["member_id"])["kind"]
        days_late = (today - date.fromisoformat(row["due_on"])).days
        fine = 0
        if days_late > config.GRACE_DAYS:
            fine = min(days_late * config.DAILY_FINE_CENTS[kind], config.MAX_FINE_CENTS[kind])
        return loan_to_dict(row, fine, today)

    def member_loans(self, member_id: int, status: str, today: date) -> list[dict[str, Any]]:
        self.get_member_or_404(member_id)
        if status not in config.LOAN_STATUSES:
            raise HTTPException(status_code=422, detail="status must be open, returned or all")
        sql = "SELECT * FROM loans WHERE member_id = ?"
        if status == "open":
            sql += " AND returned_on IS NULL"
        elif status == "returned":
            sql += " AND returned_on IS NOT NULL"
        rows = self.conn.execute(sql + " ORDER BY due_on, id", (member_id,)).fetchall()
        return [self.loan_dict(row, today) for row in rows]
