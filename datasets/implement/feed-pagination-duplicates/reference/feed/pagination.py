"""Paging through a feed. Every list endpoint answers `{"items": [...], "next": url | null}`;
the apps fetch `next` as it is until it is null.

A page starts after the last post the previous page showed, by that post's place in the feed
order (keyset pagination). Counting rows to skip (an offset) goes wrong while people post or
delete: a new post pushes the previous page's last post onto the next page (shown twice), a
deleted one pulls a post the reader has not seen back onto a page they already have (skipped).
"""

import base64
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from feed.models import Post
from feed.store import FeedPosition, newest_first

# (start after this position or from the top, how many) -> those posts, in feed order
FetchAfter = Callable[[FeedPosition | None, int], list[Post]]

DEFAULT_LIMIT = 20
MAX_LIMIT = 50


class InvalidCursor(ValueError):
    """A `cursor` that no page of ours produced."""


@dataclass(frozen=True)
class Page:
    items: list[Post]
    next: str | None


def encode_cursor(position: FeedPosition) -> str:
    created_at, post_id = position
    raw = f"{created_at.isoformat()}|{post_id}".encode()
    return base64.urlsafe_b64encode(raw).decode()


def decode_cursor(cursor: str) -> FeedPosition:
    try:
        created_at, post_id = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        return datetime.fromisoformat(created_at), int(post_id)
    except ValueError as error:  # bad base64, bad UTF-8, wrong shape, bad date or id
        raise InvalidCursor(cursor) from error


def paginate(fetch: FetchAfter, path: str, cursor: str | None, limit: int) -> Page:
    """The `limit` posts after `cursor` (from the top without one), and the link to the rest."""
    after = None if cursor is None else decode_cursor(cursor)
    # one extra row tells whether another page exists without counting the whole feed
    rows = fetch(after, limit + 1)
    items = rows[:limit]
    if len(rows) <= limit:
        return Page(items, None)
    query = urlencode({"cursor": encode_cursor(newest_first(items[-1])), "limit": limit})
    return Page(items, f"{path}?{query}")
