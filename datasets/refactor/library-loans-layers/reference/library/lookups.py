"""Finding rows that must exist, and the JSON-ready views of members, books and loans."""

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from . import fines
from .db import connect
from .errors import NotFound
from .models import book_to_dict, loan_to_dict, member_to_dict
from .repository import LibraryRepository

Clock = Callable[[], date]


@contextmanager
def session(db_path: str | Path) -> Iterator[LibraryRepository]:
    """One unit of work: committed when the block succeeds, rolled back when it raises."""
    with connect(db_path) as conn:
        yield LibraryRepository(conn)


def require_member(repo: LibraryRepository, member_id: int) -> sqlite3.Row:
    row = repo.find_member(member_id)
    if row is None:
        raise NotFound("member not found")
    return row


def require_book(repo: LibraryRepository, book_id: int) -> sqlite3.Row:
    row = repo.find_book(book_id)
    if row is None:
        raise NotFound("book not found")
    return row


def require_loan(repo: LibraryRepository, loan_id: int) -> sqlite3.Row:
    row = repo.find_loan(loan_id)
    if row is None:
        raise NotFound("loan not found")
    return row


def member_view(repo: LibraryRepository, member_id: int) -> dict[str, Any]:
    row = require_member(repo, member_id)
    return member_to_dict(row, repo.balance_cents(member_id), len(repo.open_loans(member_id)))


def book_view(repo: LibraryRepository, book_id: int) -> dict[str, Any]:
    return book_to_dict(require_book(repo, book_id), repo.copies_on_loan(book_id))


def loan_view(repo: LibraryRepository, row: sqlite3.Row, today: date) -> dict[str, Any]:
    """A returned loan shows the fine charged; an open one what a return today would cost."""
    if row["returned_on"] is not None:
        return loan_to_dict(row, row["fine_cents"] or 0, today)
    kind = require_member(repo, row["member_id"])["kind"]
    due_on = date.fromisoformat(row["due_on"])
    return loan_to_dict(row, fines.fine_cents(due_on, today, kind), today)
