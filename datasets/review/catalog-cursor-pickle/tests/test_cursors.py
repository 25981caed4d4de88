import base64
import hashlib
import hmac
import pickle
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from catalog.cursors import CursorCodec, CursorState, InvalidCursor, paginate

SECRET = b"s" * 32
LISTING = "products?category=shoes&sort=price"


class Canary:
    tripped = False


def trip() -> None:
    Canary.tripped = True


class Exploit:
    """Unpickling this calls `trip`: what an attacker's cursor would do with os.system."""

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (trip, ())


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.fixture(autouse=True)
def reset_canary() -> None:
    Canary.tripped = False


def test_round_trip_keeps_decimal_and_datetime_exactly() -> None:
    codec = CursorCodec(SECRET)
    for value in (Decimal("19.90"), datetime(2024, 5, 1, 12, 30, tzinfo=UTC), "Zebra boot"):
        state = CursorState(LISTING, value, 42)
        assert codec.decode(codec.encode(state), LISTING) == state


def test_cursor_for_another_listing_is_rejected() -> None:
    codec = CursorCodec(SECRET)
    cursor = codec.encode(CursorState(LISTING, Decimal("5"), 1))
    with pytest.raises(InvalidCursor):
        codec.decode(cursor, "products?category=hats&sort=price")


def test_tampered_cursor_is_rejected() -> None:
    codec = CursorCodec(SECRET)
    forged = pickle.dumps(CursorState(LISTING, Decimal("0"), 0))
    with pytest.raises(InvalidCursor):
        codec.decode(b64(b"\x00" * 32 + forged), LISTING)


def test_garbage_cursor_is_rejected() -> None:
    with pytest.raises(InvalidCursor):
        CursorCodec(SECRET).decode("not a cursor!", LISTING)


def test_unsigned_cursor_is_never_unpickled() -> None:
    payload = b64(b"\x00" * 32 + pickle.dumps(Exploit()))
    with pytest.raises(InvalidCursor):
        CursorCodec(SECRET).decode(payload, LISTING)
    assert not Canary.tripped, "an unsigned cursor from the client was unpickled"


def test_cursor_signed_with_another_secret_is_never_unpickled() -> None:
    body = pickle.dumps(Exploit())
    signature = hmac.new(b"k" * 32, body, hashlib.sha256).digest()
    with pytest.raises(InvalidCursor):
        CursorCodec(SECRET).decode(b64(signature + body), LISTING)
    assert not Canary.tripped


def test_paginate_returns_a_cursor_only_when_more_rows_exist() -> None:
    codec = CursorCodec(SECRET)
    rows = [(Decimal(p), i) for i, p in enumerate(["1", "2", "3"], start=1)]
    page = paginate(rows, 2, LISTING, key=lambda row: row, codec=codec)
    assert page.rows == rows[:2] and page.next_cursor is not None
    assert codec.decode(page.next_cursor, LISTING) == CursorState(LISTING, Decimal("2"), 2)
    assert paginate(rows, 3, LISTING, key=lambda row: row, codec=codec).next_cursor is None


def test_short_secret_is_refused() -> None:
    with pytest.raises(ValueError):
        CursorCodec(b"short")
