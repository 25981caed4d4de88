"""HTTP routes of the loans service: create_app(db_path, clock) builds the FastAPI app."""

import re
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from fastapi import Body, FastAPI, HTTPException, Response

from . import config
from .db import connect, create_schema
from .models import cents_to_text
from .reports import overdue_report
from .repository import LibraryRepository

ISBN_RE = re.compile(r"^(\d{10}|\d{13})$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def create_app(db_path: str | Path, clock: Callable[[], date] | None = None) -> FastAPI:
    today = clock or date.today
    create_schema(db_path)
    app = FastAPI(title="Library loans")

    @app.post("/members", status_code=201)
    def add_member(payload: dict[str, Any] = Body(...)) -> dict[str, Any]:
        name = payload.get("name")
        email = payload.get("email")
        kind = payload.get("kind", "adult")
        if not isinstance(name, str) or not name.strip():
            raise HTTPException(status_code=422, detail="name is required")
        if not isinstance(email, str) or not EMAIL_RE.match(email.strip()):
            raise HTTPException(status_code=422, detail="a valid email is required")
        if kind not in config.MEMBER_KINDS:
            raise HTTPException(status_code=422, detail="kind must be adult or child")
        email = email.strip().lower()
        with connect(db_path) as conn:
            if conn.execute("SELECT 1 FROM members WHERE email = ?", (email,)).fetchone():
                raise HTTPException(status_code=409, detail="email already registered")
            cursor = conn.execute(
                "INSERT INTO members (name, email, kind, joined_on) VALUES (?, ?, ?, ?)",
                (name.strip(), email, kind, today().isoformat()),
            )
            return LibraryRepository(conn).member_dict(int(cursor.lastrowid or 0))

    @app.get("/members/{member_id}")
    def get_member(member_id: int) -> dict[str, Any]:
        with connect(db_path) as conn:
            return LibraryRepository(conn).member_dict(member_id)

    @app.post("/books", status_code=201)
    def add_book(payload: dict[str, Any] = Body(...)) -> dict[str, Any]:
        isbn = payload.get("isbn")
        title = payload.get("title")
        author = payload.get("author", "")
        copies = payload.get("copies", 1)
        if not isinstance(isbn, str) or not ISBN_RE.match(isbn.replace("-", "")):
            raise HTTPException(status_code=422, detail="isbn must have 10 or 13 digits")
        if not isinstance(title, str) or not title.strip():
            raise HTTPException(status_code=422, detail="title is required")
        if not isinstance(author, str):
            raise HTTPException(status_code=422, detail="author must be a string")
        if isinstance(copies, bool) or not isinstance(copies, int) or copies < 1:
            raise HTTPException(status_code=422, detail="copies must be a positive integer")
        isbn = isbn.replace("-", "")
        with connect(db_path) as conn:
            if conn.execute("SELECT 1 FROM books WHERE isbn = ?", (isbn,)).fetchone():
                raise HTTPException(status_code=409, detail="isbn already catalogued")
            cursor = conn.execute(
                "INSERT INTO books (isbn, title, author, copies) VALUES (?, ?, ?, ?)",
                (isbn, title.strip(), author.strip(), copies),
            )
            return LibraryRepository(conn).book_dict(int(cursor.lastrowid or 0))

    @app.get("/books/{book_id}")
    def get_book(book_id: int) -> dict[str, Any]:
        with connect(db_path) as conn:
            return LibraryRepository(conn).book_dict(book_id)

    @app.patch("/books/{book_id}")
    def change_copies(book_id: int, payload: dict[str, Any] = Body(...)) -> dict[str, Any]:
        # Copies are bought or written off; the count may never drop below what is on loan.
        copies = payload.get("copies")
        if isinstance(copies, bool) or not isinstance(copies, int) or copies < 1:
            raise HTTPException(status_code=422, detail="copies must be a positive integer")
        with connect(db_path) as conn:
            repo = LibraryRepository(conn)
            repo.get_book_or_404(book_id)
            on_loan = repo.copies_on_loan(book_id)
            if copies < on_loan:
                raise HTTPException(
                    status_code=409, detail=f"{on_loan} copies are on loan, cannot keep {copies}"
                )
            conn.execute("UPDATE books SET copies = ? WHERE id = ?", (copies, book_id))
            return repo.book_dict(book_id)

    @app.get("/books")
    def search_books(author: str = "", available_only: bool = False) -> list[dict[str, Any]]:
        with connect(db_path) as conn:
            repo = LibraryRepository(conn)
            rows = conn.execute(
                "SELECT id FROM books WHERE lower(author) LIKE ? ORDER BY title, id",
                (f"%{author.strip().lower()}%",),
            ).fetchall()
            books = [repo.book_dict(row["id"]) for row in rows]
            if available_only:
                books = [book for book in books if book["available"] > 0]
            return books

    @app.delete("/members/{member_id}", status_code=204)
    def remove_member(member_id: int) -> Response:
        with connect(db_path) as conn:
            repo = LibraryRepository(conn)
            repo.get_member_or_404(member_id)
            if repo.open_loans(member_id):
                raise HTTPException(status_code=409, detail="member still has books on loan")
            if repo.balance_cents(member_id) != 0:
                raise HTTPException(status_code=409, detail="member has an unsettled balance")
            conn.execute("DELETE FROM payments WHERE member_id = ?", (member_id,))
            conn.execute("DELETE FROM loans WHERE member_id = ?", (member_id,))
            conn.execute("DELETE FROM members WHERE id = ?", (member_id,))
        return Response(status_code=204)

    @app.post("/loans", status_code=201)
    def borrow(payload: dict[str, Any] = Body(...)) -> dict[str, Any]:
        member_id = payload.get("member_id")
        book_id = payload.get("book_id")
        if any(isinstance(v, bool) or not isinstance(v, int) for v in (member_id, book_id)):
            raise HTTPException(status_code=422, detail="member_id and book_id must be integers")
        now = today()
        with connect(db_path) as conn:
            repo = LibraryRepository(conn)
            member = repo.get_member_or_404(member_id)
            book = repo.get_book_or_404(book_id)
            open_loans = repo.open_loans(member_id)
            if any(loan["book_id"] == book_id for loan in open_loans):
                raise HTTPException(status_code=409, detail="member already has this book")
            if any(date.fromisoformat(loan["due_on"]) < now for loan in open_loans):
                raise HTTPException(status_code=409, detail="return overdue books first")
            balance = repo.balance_cents(member_id)
            if balance >= config.BLOCKING_BALANCE_CENTS:
                raise HTTPException(
                    status_code=402,
                    detail=f"outstanding fines of {cents_to_text(balance)} must be paid first",
                )
            limit = config.MAX_OPEN_LOANS[member["kind"]]
            if len(open_loans) >= limit:
                raise HTTPException(status_code=409, detail=f"loan limit of {limit} reached")
            if repo.copies_on_loan(book_id) >= book["copies"]:
                raise HTTPException(status_code=409, detail="no copies available")
            due_on = now + timedelta(days=config.LOAN_DAYS[member["kind"]])
            cursor = conn.execute(
                "INSERT INTO loans (member_id, book_id, borrowed_on, due_on) VALUES (?, ?, ?, ?)",
                (member_id, book_id, now.isoformat(), due_on.isoformat()),
            )
            return repo.loan_dict(repo.get_loan_or_404(int(cursor.lastrowid or 0)), now)

    @app.post("/loans/{loan_id}/renew")
    def renew(loan_id: int) -> dict[str, Any]:
        now = today()
        with connect(db_path) as conn:
            repo = LibraryRepository(conn)
            loan = repo.get_loan_or_404(loan_id)
            if loan["returned_on"] is not None:
                raise HTTPException(status_code=409, detail="loan already returned")
            if loan["renewals"] >= config.MAX_RENEWALS:
                raise HTTPException(status_code=409, detail="renewal limit reached")
            due_on = date.fromisoformat(loan["due_on"])
            if due_on < now:
                raise HTTPException(status_code=409, detail="overdue loans cannot be renewed")
            kind = repo.get_member_or_404(loan["member_id"])["kind"]
            new_due = due_on + timedelta(days=config.LOAN_DAYS[kind])
            conn.execute(
                "UPDATE loans SET due_on = ?, renewals = renewals + 1 WHERE id = ?",
                (new_due.isoformat(), loan_id),
            )
            return repo.loan_dict(repo.get_loan_or_404(loan_id), now)

    @app.post("/loans/{loan_id}/return")
    def return_book(loan_id: int) -> dict[str, Any]:
        now = today()
        with connect(db_path) as conn:
            repo = LibraryRepository(conn)
            loan = repo.get_loan_or_404(loan_id)
            if loan["returned_on"] is not None:
                raise HTTPException(status_code=409, detail="loan already returned")
            member = repo.get_member_or_404(loan["member_id"])
            late = (now - date.fromisoformat(loan["due_on"])).days
            fine_cents = 0
            if late > config.GRACE_DAYS:
                fine_cents = late * config.DAILY_FINE_CENTS[member["kind"]]
                fine_cents = min(fine_cents, config.MAX_FINE_CENTS[member["kind"]])
            conn.execute(
                "UPDATE loans SET returned_on = ?, fine_cents = ? WHERE id = ?",
                (now.isoformat(), fine_cents, loan_id),
            )
            return repo.loan_dict(repo.get_loan_or_404(loan_id), now)

    @app.get("/members/{member_id}/loans")
    def member_loans(member_id: int, status: str = "open") -> list[dict[str, Any]]:
        with connect(db_path) as conn:
            return LibraryRepository(conn).member_loans(member_id, status, today())

    @app.post("/members/{member_id}/payments", status_code=201)
    def pay(member_id: int, payload: dict[str, Any] = Body(...)) -> dict[str, Any]:
        raw = payload.get("amount")
        try:
            amount = Decimal(raw) if isinstance(raw, str) else None
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite() or amount <= 0 or (
            amount.as_tuple().exponent < -2  # type: ignore[operator]
        ):
            raise HTTPException(
                status_code=422, detail="amount must be a positive sum with at most 2 decimals"
            )
        cents = int(amount * 100)
        with connect(db_path) as conn:
            repo = LibraryRepository(conn)
            repo.get_member_or_404(member_id)
            balance = repo.balance_cents(member_id)
            if cents > balance:
                raise HTTPException(
                    status_code=409, detail=f"payment exceeds the balance of {cents_to_text(balance)}"
                )
            conn.execute(
                "INSERT INTO payments (member_id, amount_cents, paid_on) VALUES (?, ?, ?)",
                (member_id, cents, today().isoformat()),
            )
            return repo.member_dict(member_id)

    @app.get("/reports/overdue")
    def overdue() -> dict[str, Any]:
        with connect(db_path) as conn:
            return overdue_report(conn, today())

    return app
