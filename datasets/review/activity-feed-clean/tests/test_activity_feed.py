import sqlite3

import pytest

from feed.activity import ActivityFeed, InvalidCursor


@pytest.fixture
def feed() -> ActivityFeed:
    activity = ActivityFeed(sqlite3.connect(":memory:"))
    for minute in range(7):
        activity.record(1, f"2026-04-01T10:{minute:02d}:00Z", f"event {minute}")
    activity.record(1, "2026-04-01T10:03:00Z", "event 3b")  # same timestamp as event 3
    activity.record(2, "2026-04-01T10:05:00Z", "other project")
    return activity


def all_pages(feed: ActivityFeed, size: int) -> list[list[str]]:
    pages: list[list[str]] = []
    cursor: str | None = None
    while True:
        page = feed.page(1, size, cursor)
        pages.append([item.summary for item in page.items])
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor
        assert len(pages) < 20, "pagination does not terminate"


def test_first_page_is_newest_first(feed: ActivityFeed) -> None:
    page = feed.page(1, 3)
    assert [i.summary for i in page.items] == ["event 6", "event 5", "event 4"]
    assert page.next_cursor is not None


def test_single_page_has_no_cursor(feed: ActivityFeed) -> None:
    page = feed.page(1, 50)
    assert len(page.items) == 8 and page.next_cursor is None


@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_walking_all_pages_yields_every_event_once(feed: ActivityFeed, size: int) -> None:
    seen = [summary for page in all_pages(feed, size) for summary in page]
    expected = ["event 6", "event 5", "event 4", "event 3b", "event 3", "event 2", "event 1",
                "event 0"]
    assert seen == expected


def test_garbage_cursor_is_rejected(feed: ActivityFeed) -> None:
    with pytest.raises(InvalidCursor):
        feed.page(1, 3, "not-a-cursor!")
