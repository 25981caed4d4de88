"""The lending rules, usable without HTTP (the nightly batch job calls them directly)."""

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from . import config, fines
from .errors import Conflict, InvalidInput, PaymentRequired
from .lookups import Clock, loan_view, require_book, require_loan, require_member, session
from .models import cents_to_text
from .repository import LibraryRepository


class LoanService:
    """Borrowing, renewing and returning books; refusals raise `errors.LibraryError`s."""

    def __init__(self, db_path: str | Path, clock: Clock | None = None) -> None:
        self._db_path = db_path
        self._today = clock or date.today

    def borrow(self, member_id: int, book_id: int) -> dict[str, Any]:
        today = self._today()
        with session(self._db_path) as repo:
            kind = self._check_may_borrow(repo, member_id, book_id, today)
            due_on = today + timedelta(days=config.LOAN_DAYS[kind])
            loan_id = repo.add_loan(member_id, book_id, today, due_on)
            return loan_view(repo, require_loan(repo, loan_id), today)

    def _check_may_borrow(
        self, repo: LibraryRepository, member_id: int, book_id: int, today: date
    ) -> str:
        """The member's kind, once every lending rule allows this loan (checked in order)."""
        member = require_member(repo, member_id)
        book = require_book(repo, book_id)
        open_loans = repo.open_loans(member_id)
        if any(loan["book_id"] == book_id for loan in open_loans):
            raise Conflict("member already has this book")
        if any(date.fromisoformat(loan["due_on"]) < today for loan in open_loans):
            raise Conflict("return overdue books first")
        balance = repo.balance_cents(member_id)
        if balance >= config.BLOCKING_BALANCE_CENTS:
            raise PaymentRequired(f"outstanding fines of {cents_to_text(balance)} must be paid first")
        limit = config.MAX_OPEN_LOANS[member["kind"]]
        if len(open_loans) >= limit:
            raise Conflict(f"loan limit of {limit} reached")
        if repo.copies_on_loan(book_id) >= book["copies"]:
            raise Conflict("no copies available")
        return str(member["kind"])

    def renew(self, loan_id: int) -> dict[str, Any]:
        today = self._today()
        with session(self._db_path) as repo:
            loan = require_loan(repo, loan_id)
            if loan["returned_on"] is not None:
                raise Conflict("loan already returned")
            if loan["renewals"] >= config.MAX_RENEWALS:
                raise Conflict("renewal limit reached")
            due_on = date.fromisoformat(loan["due_on"])
            if due_on < today:
                raise Conflict("overdue loans cannot be renewed")
            kind = require_member(repo, loan["member_id"])["kind"]
            repo.extend_loan(loan_id, due_on + timedelta(days=config.LOAN_DAYS[kind]))
            return loan_view(repo, require_loan(repo, loan_id), today)

    def return_loan(self, loan_id: int) -> dict[str, Any]:
        today = self._today()
        with session(self._db_path) as repo:
            loan = require_loan(repo, loan_id)
            if loan["returned_on"] is not None:
                raise Conflict("loan already returned")
            kind = require_member(repo, loan["member_id"])["kind"]
            fine = fines.fine_cents(date.fromisoformat(loan["due_on"]), today, kind)
            repo.close_loan(loan_id, today, fine)
            return loan_view(repo, require_loan(repo, loan_id), today)

    def member_loans(self, member_id: int, status: str) -> list[dict[str, Any]]:
        today = self._today()
        with session(self._db_path) as repo:
            require_member(repo, member_id)
            if status not in config.LOAN_STATUSES:
                raise InvalidInput("status must be open, returned or all")
            rows = repo.member_loans(member_id, status)
            return [loan_view(repo, row, today) for row in rows]
