"""Paging through a feed while people post and delete shows every post exactly once."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from fastapi.testclient import TestClient
from feed.app import create_app

START = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
READER = 1
ALICE, BOB, CAROL = 10, 20, 30


@dataclass
class Clock:
    now: datetime = START

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Feed:
    api: TestClient
    clock: Clock

    def publish(self, author_id: int, body: str = "hi", tick: bool = True) -> int:
        if tick:
            self.clock.now += timedelta(seconds=1)
        response = self.api.post("/posts", json={"author_id": author_id, "body": body})
        assert response.status_code == 201
        post_id: int = response.json()["id"]
        return post_id

    def follow(self, author_id: int) -> None:
        assert self.api.put(f"/users/{READER}/following/{author_id}").status_code == 204

    def delete(self, post_id: int) -> None:
        assert self.api.delete(f"/posts/{post_id}").status_code == 204

    def get(self, url: str) -> dict[str, Any]:
        response = self.api.get(url)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def walk(
        self, url: str, between_pages: Callable[[int], None] = lambda page: None
    ) -> list[list[int]]:
        """Follows `next` from `url` to the end, calling `between_pages(n)` after page n."""
        pages: list[list[int]] = []
        next_url: str | None = url
        while next_url is not None:
            assert len(pages) < 50, "the feed never ends"
            body = self.get(next_url)
            pages.append([item["id"] for item in body["items"]])
            next_url = body["next"]
            if next_url is not None:
                between_pages(len(pages))
        return pages


@pytest.fixture
def feed() -> Iterator[Feed]:
    clock = Clock()
    with TestClient(create_app(clock)) as api:
        yield Feed(api, clock)


def flat(pages: list[list[int]]) -> list[int]:
    return [post_id for page in pages for post_id in page]


def home_and_profile() -> list[str]:
    return [f"/users/{READER}/feed?limit=2", f"/users/{ALICE}/posts?limit=2"]


# --- fail-to-pass: the symptoms ------------------------------------------------------------


@pytest.mark.parametrize("url", home_and_profile())
def test_new_posts_while_scrolling_do_not_repeat_a_post(feed: Feed, url: str) -> None:
    feed.follow(ALICE)
    older = [feed.publish(ALICE) for _ in range(5)]

    pages = feed.walk(url, lambda page: [feed.publish(ALICE) for _ in range(page)])

    assert flat(pages) == older[::-1]
    assert [len(page) for page in pages] == [2, 2, 1]


@pytest.mark.parametrize("url", home_and_profile())
def test_deleted_posts_while_scrolling_do_not_skip_a_post(feed: Feed, url: str) -> None:
    feed.follow(ALICE)
    posts = [feed.publish(ALICE) for _ in range(7)]  # shown newest first: 7 6 | 5 4 | 3 2 | 1
    first_page_seen: list[int] = []

    def delete_seen(page: int) -> None:
        if page == 1:
            first_page_seen.extend(posts[-2:])
            feed.delete(posts[-1])
            feed.delete(posts[-2])  # the post the next page starts after

    pages = feed.walk(url, delete_seen)

    assert flat(pages) == posts[::-1]
    assert first_page_seen == posts[-2:]


def test_home_feed_with_interleaved_authors_and_new_posts_shows_each_once(feed: Feed) -> None:
    feed.follow(ALICE)
    feed.follow(BOB)
    shown = []
    for _ in range(3):
        shown += [feed.publish(ALICE), feed.publish(CAROL), feed.publish(BOB)]
    followed = [post_id for post_id in shown if (post_id - 2) % 3 != 0]

    def busy_evening(page: int) -> None:
        feed.publish(BOB)
        feed.publish(CAROL)
        if page == 1:
            feed.delete(followed[0])

    pages = feed.walk(f"/users/{READER}/feed?limit=3", busy_evening)

    assert flat(pages) == followed[:0:-1]


# --- pass-to-pass: the feed as it works today -----------------------------------------------


@pytest.mark.parametrize("url", home_and_profile())
def test_posts_made_in_the_same_instant_are_all_shown_later_id_first(feed: Feed, url: str) -> None:
    feed.follow(ALICE)
    before = feed.publish(ALICE)
    same_instant = [feed.publish(ALICE, tick=False)] + [
        feed.publish(ALICE, tick=False) for _ in range(4)
    ]
    after = feed.publish(ALICE)

    pages = feed.walk(url)

    assert flat(pages) == [after, *same_instant[::-1], before]


def test_page_shape_and_the_end_of_the_feed(feed: Feed) -> None:
    first = feed.publish(ALICE, "first")
    second = feed.publish(ALICE, "second")

    body = feed.get(f"/users/{ALICE}/posts?limit=2")

    assert body == {
        "items": [
            {
                "id": second,
                "author_id": ALICE,
                "body": "second",
                "created_at": (START + timedelta(seconds=2)).isoformat(),
            },
            {
                "id": first,
                "author_id": ALICE,
                "body": "first",
                "created_at": (START + timedelta(seconds=1)).isoformat(),
            },
        ],
        "next": None,
    }


def test_default_page_is_twenty_and_limit_is_kept_on_next(feed: Feed) -> None:
    posts = [feed.publish(BOB) for _ in range(23)]

    first = feed.get(f"/users/{BOB}/posts")
    assert [item["id"] for item in first["items"]] == posts[:2:-1]
    assert first["next"] is not None
    assert [len(page) for page in feed.walk(f"/users/{BOB}/posts?limit=10")] == [10, 10, 3]
    assert len(feed.walk(f"/users/{BOB}/posts?limit=50")) == 1


def test_home_feed_shows_only_followed_authors(feed: Feed) -> None:
    feed.follow(ALICE)
    feed.follow(CAROL)
    mine = feed.publish(READER)
    alice = feed.publish(ALICE)
    feed.publish(BOB)
    carol = feed.publish(CAROL)
    assert feed.api.delete(f"/users/{READER}/following/{CAROL}").status_code == 204

    assert feed.walk(f"/users/{READER}/feed") == [[alice]]
    assert feed.walk(f"/users/{READER}/posts") == [[mine]]
    assert carol > alice


def test_empty_feeds_have_no_next_page(feed: Feed) -> None:
    assert feed.get(f"/users/{READER}/feed") == {"items": [], "next": None}
    assert feed.get(f"/users/{READER}/posts?limit=1") == {"items": [], "next": None}


@pytest.mark.parametrize("limit", ["0", "51", "-1", "ten"])
def test_out_of_range_limits_are_rejected(feed: Feed, limit: str) -> None:
    assert feed.api.get(f"/users/{READER}/feed?limit={limit}").status_code == 422
    assert feed.api.get(f"/users/{READER}/posts?limit={limit}").status_code == 422


def test_posting_and_deleting(feed: Feed) -> None:
    for body, status in [("", 422), ("x" * 501, 422), ("x", 201), ("x" * 500, 201)]:
        response = feed.api.post("/posts", json={"author_id": BOB, "body": body})
        assert response.status_code == status
    post_id = feed.publish(ALICE)

    feed.delete(post_id)

    assert feed.api.delete(f"/posts/{post_id}").status_code == 404
    assert feed.get(f"/users/{ALICE}/posts") == {"items": [], "next": None}


def test_a_tampered_next_link_is_a_client_error(feed: Feed) -> None:
    for _ in range(3):
        feed.publish(ALICE)
    next_url = feed.get(f"/users/{ALICE}/posts?limit=1")["next"]
    parts = urlsplit(next_url)
    garbled = {name: "garbled!!" for name, _ in parse_qsl(parts.query) if name != "limit"}
    assert garbled, "the next link carries something besides the limit"

    response = feed.api.get(
        f"{parts.path}?{urlencode({**dict(parse_qsl(parts.query)), **garbled})}"
    )

    assert 400 <= response.status_code < 500


def test_likes_of_a_deleted_post_are_gone_with_it(feed: Feed) -> None:
    post_id = feed.publish(ALICE)
    assert feed.api.put(f"/posts/{post_id}/likes/{BOB}").status_code == 204
    assert feed.get(f"/posts/{post_id}/likes") == {
        "post_id": post_id,
        "count": 1,
        "user_ids": [BOB],
    }

    feed.delete(post_id)

    assert feed.api.put(f"/posts/{post_id}/likes/{CAROL}").status_code == 404
    assert feed.api.get(f"/posts/{post_id}/likes").status_code == 404
