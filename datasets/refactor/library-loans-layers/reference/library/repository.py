"""All SQL of the service. Lookups return None for a missing row: deciding what that means
(a 404, a refusal) is the caller's business, not the database's."""

import sqlite3
from datetime import date

from .validation import NewBook, NewMember

LOAN_FILTERS = {
    "open": " AND returned_on IS NULL",
    "returned": " AND returned_on IS NOT NULL",
    "all": "",
}


class LibraryRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def _one(self, sql: str, *params: object) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def find_member(self, member_id: int) -> sqlite3.Row | None:
        return self._one("SELECT * FROM members WHERE id = ?", member_id)

    def find_book(self, book_id: int) -> sqlite3.Row | None:
        return self._one("SELECT * FROM books WHERE id = ?", book_id)

    def find_loan(self, loan_id: int) -> sqlite3.Row | None:
        return self._one("SELECT * FROM loans WHERE id = ?", loan_id)

    def email_taken(self, email: str) -> bool:
        return self._one("SELECT 1 FROM members WHERE email = ?", email) is not None

    def isbn_taken(self, isbn: str) -> bool:
        return self._one("SELECT 1 FROM books WHERE isbn = ?", isbn) is not None

    def add_member(self, member: NewMember, joined_on: date) -> int:
        cursor = self.conn.execute(
            "INSERT INTO members (name, email, kind, joined_on) VALUES (?, ?, ?, ?)",
            (member.name, member.email, member.kind, joined_on.isoformat()),
        )
        return int(cursor.lastrowid or 0)

    def delete_member(self, member_id: int) -> None:
        # Children first: payments and loans reference the member.
        self.conn.execute("DELETE FROM payments WHERE member_id = ?", (member_id,))
        self.conn.execute("DELETE FROM loans WHERE member_id = ?", (member_id,))
        self.conn.execute("DELETE FROM members WHERE id = ?", (member_id,))

    def add_book(self, book: NewBook) -> int:
        cursor = self.conn.execute(
            "INSERT INTO books (isbn, title, author, copies) VALUES (?, ?, ?, ?)",
            (book.isbn, book.title, book.author, book.copies),
        )
        return int(cursor.lastrowid or 0)

    def set_copies(self, book_id: int, copies: int) -> None:
        self.conn.execute("UPDATE books SET copies = ? WHERE id = ?", (copies, book_id))

    def book_ids_by_author(self, author: str) -> list[int]:
        rows = self.conn.execute(
            "SELECT id FROM books WHERE lower(author) LIKE ? ORDER BY title, id",
            (f"%{author.strip().lower()}%",),
        ).fetchall()
        return [row["id"] for row in rows]

    def open_loans(self, member_id: int) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT * FROM loans WHERE member_id = ? AND returned_on IS NULL ORDER BY id",
            (member_id,),
        ).fetchall()

    def member_loans(self, member_id: int, status: str) -> list[sqlite3.Row]:
        sql = "SELECT * FROM loans WHERE member_id = ?" + LOAN_FILTERS[status]
        return self.conn.execute(sql + " ORDER BY due_on, id", (member_id,)).fetchall()

    def copies_on_loan(self, book_id: int) -> int:
        row = self._one(
            "SELECT COUNT(*) FROM loans WHERE book_id = ? AND returned_on IS NULL", book_id
        )
        return int(row[0]) if row else 0

    def add_loan(self, member_id: int, book_id: int, borrowed_on: date, due_on: date) -> int:
        cursor = self.conn.execute(
            "INSERT INTO loans (member_id, book_id, borrowed_on, due_on) VALUES (?, ?, ?, ?)",
            (member_id, book_id, borrowed_on.isoformat(), due_on.isoformat()),
        )
        return int(cursor.lastrowid or 0)

    def extend_loan(self, loan_id: int, due_on: date) -> None:
        self.conn.execute(
            "UPDATE loans SET due_on = ?, renewals = renewals + 1 WHERE id = ?",
            (due_on.isoformat(), loan_id),
        )

    def close_loan(self, loan_id: int, returned_on: date, fine_cents: int) -> None:
        self.conn.execute(
            "UPDATE loans SET returned_on = ?, fine_cents = ? WHERE id = ?",
            (returned_on.isoformat(), fine_cents, loan_id),
        )

    def balance_cents(self, member_id: int) -> int:
        """Fines charged on returned loans, less what the member has paid."""
        fines = self._one(
            "SELECT COALESCE(SUM(fine_cents), 0) FROM loans WHERE member_id = ?", member_id
        )
        paid = self._one(
            "SELECT COALESCE(SUM(amount_cents), 0) FROM payments WHERE member_id = ?", member_id
        )
        return int(fines[0] if fines else 0) - int(paid[0] if paid else 0)

    def add_payment(self, member_id: int, cents: int, paid_on: date) -> None:
        self.conn.execute(
            "INSERT INTO payments (member_id, amount_cents, paid_on) VALUES (?, ?, ?)",
            (member_id, cents, paid_on.isoformat()),
        )

    def overdue_loans(self, today: date) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT loans.id AS loan_id, loans.member_id, loans.due_on, members.name, "
            "members.kind, books.title FROM loans "
            "JOIN members ON members.id = loans.member_id "
            "JOIN books ON books.id = loans.book_id "
            "WHERE loans.returned_on IS NULL AND loans.due_on < ?",
            (today.isoformat(),),
        ).fetchall()
