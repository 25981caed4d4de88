"""Paging through a feed. Every list endpoint answers `{"items": [...], "next": url | null}`;
the apps fetch `next` as it is until it is null.

Pages are cut by position (keyset pagination), not by offset. An offset counts rows from the
top of the feed, so every post published while someone scrolls pushes the rows down and the
next page repeats the last ones; every post deleted pulls them up and the next page skips one.
Instead, `next` carries an opaque cursor naming the last post shown (its `created_at` and id,
the feed's sort key) and the newest post id that existed when the first page was loaded: the
next page is the posts strictly after that position, among those that existed then. Posts
published later wait for the next refresh; deleted ones simply aren't there.

The cursor is signed, so a `next` link that has been tampered with is rejected (400) instead of
being trusted or crashing.
"""

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from feed.models import Post

DEFAULT_LIMIT = 20
MAX_LIMIT = 50
MAX_CURSOR_LENGTH = 1000


@dataclass(frozen=True)
class Position:
    """Where a post sits in a feed: feeds are sorted by (created_at, id), largest first."""

    created_at: datetime
    id: int

    @classmethod
    def of(cls, post: Post) -> "Position":
        return cls(post.created_at, post.id)

    def key(self) -> tuple[datetime, int]:
        return (self.created_at, self.id)


@dataclass(frozen=True)
class Cursor:
    """What the next page continues from."""

    after: Position  # the last post already shown
    newest_id: int  # posts with a higher id were published after the first page was loaded


# (after, newest_id, limit) -> up to `limit` posts that come after `after` (all of them from
# the top when None) and have an id of at most `newest_id`, in feed order
FetchPage = Callable[[Position | None, int, int], list[Post]]


@dataclass(frozen=True)
class Page:
    items: list[Post]
    next: str | None


class InvalidCursor(ValueError):
    """The cursor was not issued by us for this list (tampered with, truncated, or foreign)."""


class Paginator:
    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def page(
        self,
        fetch: FetchPage,
        path: str,
        cursor: str | None,
        limit: int,
        newest_id: Callable[[], int],
    ) -> Page:
        """The page after `cursor` (the first page when None) and the link to the one after."""
        if cursor is None:
            after, newest = None, newest_id()
        else:
            decoded = self.decode(path, cursor)
            after, newest = decoded.after, decoded.newest_id
        # one extra row tells whether another page exists without counting the whole feed
        rows = fetch(after, newest, limit + 1)
        items = rows[:limit]
        if len(rows) <= limit:
            return Page(items, None)
        token = self.encode(path, Cursor(Position.of(items[-1]), newest))
        return Page(items, f"{path}?{urlencode({'limit': limit, 'cursor': token})}")

    def encode(self, path: str, cursor: Cursor) -> str:
        payload = json.dumps(
            {
                "path": path,
                "created_at": cursor.after.created_at.isoformat(),
                "id": cursor.after.id,
                "newest_id": cursor.newest_id,
            },
            separators=(",", ":"),
            sort_keys=True,
        ).encode()
        return f"{_b64encode(payload)}.{_b64encode(self._sign(payload))}"

    def decode(self, path: str, token: str) -> Cursor:
        try:
            if len(token) > MAX_CURSOR_LENGTH:
                raise InvalidCursor("cursor too long")
            encoded_payload, encoded_signature = token.split(".")
            payload = _b64decode(encoded_payload)
            if not hmac.compare_digest(_b64decode(encoded_signature), self._sign(payload)):
                raise InvalidCursor("bad signature")
            data = json.loads(payload)
            if not isinstance(data, dict) or data.get("path") != path:
                raise InvalidCursor("cursor of another list")
            post_id, newest_id, created_at = data["id"], data["newest_id"], data["created_at"]
            if not all(type(n) is int for n in (post_id, newest_id)) or not isinstance(
                created_at, str
            ):
                raise InvalidCursor("malformed cursor")
            return Cursor(Position(datetime.fromisoformat(created_at), post_id), newest_id)
        except InvalidCursor:
            raise
        except (ValueError, KeyError, TypeError, binascii.Error, UnicodeError) as error:
            raise InvalidCursor(str(error)) from None

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, payload, hashlib.sha256).digest()


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    raw = text.encode("ascii")  # UnicodeError for anything else
    return base64.urlsafe_b64decode(raw + b"=" * (-len(raw) % 4))
