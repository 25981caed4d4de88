"""Paging through a feed. Every list endpoint answers `{"items": [...], "next": url | null}`;
the apps fetch `next` as it is until it is null."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from feed.models import Post

# (offset, limit) -> that slice of the feed
FetchSlice = Callable[[int, int], list[Post]]

DEFAULT_LIMIT = 20
MAX_LIMIT = 50


@dataclass(frozen=True)
class Page:
    items: list[Post]
    next: str | None


def paginate(fetch: FetchSlice, path: str, page: int, limit: int) -> Page:
    """Page number `page` (from 1) of `limit` posts, and the link to the one after it."""
    offset = (page - 1) * limit
    # one extra row tells whether another page exists without counting the whole feed
    rows = fetch(offset, limit + 1)
    items = rows[:limit]
    has_more = len(rows) > limit
    return Page(
        items, f"{path}?{urlencode({'page': page + 1, 'limit': limit})}" if has_more else None
    )
