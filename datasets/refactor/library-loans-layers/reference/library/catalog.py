"""Members, books and payments: the bookkeeping around the lending rules."""

from datetime import date
from pathlib import Path
from typing import Any

from . import validation
from .errors import Conflict
from .lookups import Clock, book_view, member_view, require_book, require_member, session
from .models import cents_to_text


class CatalogService:
    def __init__(self, db_path: str | Path, clock: Clock | None = None) -> None:
        self._db_path = db_path
        self._today = clock or date.today

    def add_member(self, payload: dict[str, Any]) -> dict[str, Any]:
        member = validation.new_member(payload)
        with session(self._db_path) as repo:
            if repo.email_taken(member.email):
                raise Conflict("email already registered")
            return member_view(repo, repo.add_member(member, self._today()))

    def member(self, member_id: int) -> dict[str, Any]:
        with session(self._db_path) as repo:
            return member_view(repo, member_id)

    def remove_member(self, member_id: int) -> None:
        with session(self._db_path) as repo:
            require_member(repo, member_id)
            if repo.open_loans(member_id):
                raise Conflict("member still has books on loan")
            if repo.balance_cents(member_id) != 0:
                raise Conflict("member has an unsettled balance")
            repo.delete_member(member_id)

    def pay(self, member_id: int, payload: dict[str, Any]) -> dict[str, Any]:
        cents = validation.payment_cents(payload)
        with session(self._db_path) as repo:
            require_member(repo, member_id)
            balance = repo.balance_cents(member_id)
            if cents > balance:
                raise Conflict(f"payment exceeds the balance of {cents_to_text(balance)}")
            repo.add_payment(member_id, cents, self._today())
            return member_view(repo, member_id)

    def add_book(self, payload: dict[str, Any]) -> dict[str, Any]:
        book = validation.new_book(payload)
        with session(self._db_path) as repo:
            if repo.isbn_taken(book.isbn):
                raise Conflict("isbn already catalogued")
            return book_view(repo, repo.add_book(book))

    def book(self, book_id: int) -> dict[str, Any]:
        with session(self._db_path) as repo:
            return book_view(repo, book_id)

    def change_copies(self, book_id: int, payload: dict[str, Any]) -> dict[str, Any]:
        # Copies are bought or written off; the count may never drop below what is on loan.
        copies = validation.copies(payload.get("copies"))
        with session(self._db_path) as repo:
            require_book(repo, book_id)
            on_loan = repo.copies_on_loan(book_id)
            if copies < on_loan:
                raise Conflict(f"{on_loan} copies are on loan, cannot keep {copies}")
            repo.set_copies(book_id, copies)
            return book_view(repo, book_id)

    def search_books(self, author: str, available_only: bool) -> list[dict[str, Any]]:
        with session(self._db_path) as repo:
            books = [book_view(repo, book_id) for book_id in repo.book_ids_by_author(author)]
        if available_only:
            books = [book for book in books if book["available"] > 0]
        return books
