"""Opaque, signed pagination cursors for the catalog listing API.

A cursor records where the previous page stopped (the sort value and id of its last row) and
which listing it belongs to, so that a client cannot switch filters half-way through a listing
or jump to rows it was never shown. Cursors are signed with the service's secret: a cursor we
did not issue, or issued for another listing, is rejected with `InvalidCursor` (HTTP 400).

The state is pickled because sort values are `Decimal` prices and aware `datetime`s, which
must come back exactly as they went out for the keyset comparison to be right.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Generic, TypeVar

SIGNATURE_BYTES = hashlib.sha256().digest_size
MIN_SECRET_BYTES = 32

SortValue = Decimal | datetime | str
Row = TypeVar("Row")


class InvalidCursor(ValueError):
    """The cursor was not issued by this service, or not for this listing."""


@dataclass(frozen=True)
class CursorState:
    listing: str
    """The listing and its filters, e.g. ``products?category=shoes&sort=price``."""
    last_value: SortValue
    last_id: int


@dataclass(frozen=True)
class Page(Generic[Row]):
    rows: list[Row]
    next_cursor: str | None


class CursorCodec:
    def __init__(self, secret: bytes) -> None:
        if len(secret) < MIN_SECRET_BYTES:
            raise ValueError(f"cursor secret must be at least {MIN_SECRET_BYTES} bytes")
        self._secret = secret

    def encode(self, state: CursorState) -> str:
        body = pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
        token = self._sign(body) + body
        return base64.urlsafe_b64encode(token).decode("ascii").rstrip("=")

    def decode(self, cursor: str, listing: str) -> CursorState:
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        except (binascii.Error, ValueError) as exc:
            raise InvalidCursor("cursor is not valid base64") from exc
        signature, body = raw[:SIGNATURE_BYTES], raw[SIGNATURE_BYTES:]
        try:
            state = pickle.loads(body)
        except (pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
            raise InvalidCursor("cursor is malformed") from exc
        if not hmac.compare_digest(signature, self._sign(body)):
            raise InvalidCursor("cursor signature does not match")
        if not isinstance(state, CursorState) or state.listing != listing:
            raise InvalidCursor("cursor was issued for another listing")
        return state

    def _sign(self, body: bytes) -> bytes:
        return hmac.new(self._secret, body, hashlib.sha256).digest()


def paginate(
    rows: Sequence[Row],
    limit: int,
    listing: str,
    key: Callable[[Row], tuple[SortValue, int]],
    codec: CursorCodec,
) -> Page[Row]:
    """Cut a page from `rows`, fetched with ``LIMIT limit + 1`` after the cursor's position.

    The extra row only tells whether another page exists; it is not returned.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    shown = list(rows[:limit])
    if len(rows) <= limit or not shown:
        return Page(shown, None)
    last_value, last_id = key(shown[-1])
    return Page(shown, codec.encode(CursorState(listing, last_value, last_id)))
