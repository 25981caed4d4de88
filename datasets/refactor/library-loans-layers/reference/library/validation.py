"""Checks of request bodies; each raises InvalidInput with the message the client sees."""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from . import config
from .errors import InvalidInput

ISBN_RE = re.compile(r"^(\d{10}|\d{13})$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class NewMember:
    name: str
    email: str
    kind: str


@dataclass(frozen=True)
class NewBook:
    isbn: str
    title: str
    author: str
    copies: int


def _is_int(value: Any) -> bool:
    # bool is an int to Python, but `true` is not a count or an id.
    return isinstance(value, int) and not isinstance(value, bool)


def new_member(payload: dict[str, Any]) -> NewMember:
    name = payload.get("name")
    email = payload.get("email")
    kind = payload.get("kind", "adult")
    if not isinstance(name, str) or not name.strip():
        raise InvalidInput("name is required")
    if not isinstance(email, str) or not EMAIL_RE.match(email.strip()):
        raise InvalidInput("a valid email is required")
    if kind not in config.MEMBER_KINDS:
        raise InvalidInput("kind must be adult or child")
    return NewMember(name.strip(), email.strip().lower(), kind)


def copies(value: Any) -> int:
    if not _is_int(value) or value < 1:
        raise InvalidInput("copies must be a positive integer")
    return int(value)


def new_book(payload: dict[str, Any]) -> NewBook:
    isbn = payload.get("isbn")
    title = payload.get("title")
    author = payload.get("author", "")
    if not isinstance(isbn, str) or not ISBN_RE.match(isbn.replace("-", "")):
        raise InvalidInput("isbn must have 10 or 13 digits")
    if not isinstance(title, str) or not title.strip():
        raise InvalidInput("title is required")
    if not isinstance(author, str):
        raise InvalidInput("author must be a string")
    count = copies(payload.get("copies", 1))
    return NewBook(isbn.replace("-", ""), title.strip(), author.strip(), count)


def loan_request(payload: dict[str, Any]) -> tuple[int, int]:
    member_id = payload.get("member_id")
    book_id = payload.get("book_id")
    if not (_is_int(member_id) and _is_int(book_id)):
        raise InvalidInput("member_id and book_id must be integers")
    return int(member_id), int(book_id)  # type: ignore[arg-type]


def payment_cents(payload: dict[str, Any]) -> int:
    raw = payload.get("amount")
    try:
        amount = Decimal(raw) if isinstance(raw, str) else None
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount <= 0 or (
        amount.as_tuple().exponent < -2  # type: ignore[operator]
    ):
        raise InvalidInput("amount must be a positive sum with at most 2 decimals")
    return int(amount * 100)
