from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from articles.app import create_app
from articles.store import Article, ArticleStore

Json = dict[str, Any]
EPOCH = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def article(article_id: int, minutes: int) -> Article:
    return Article(
        id=article_id,
        title=f"Article {article_id}",
        published_at=EPOCH + timedelta(minutes=minutes),
    )


@pytest.fixture
def store() -> ArticleStore:
    return ArticleStore()


@pytest.fixture
def client(store: ArticleStore) -> Iterator[TestClient]:
    with TestClient(create_app(store)) as test_client:
        yield test_client


def fetch_page(client: TestClient, **params: Any) -> Json:
    response = client.get("/articles", params=params)
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


def ids(page: Json) -> list[int]:
    return [item["id"] for item in page["items"]]


def walk_all_pages(client: TestClient, limit: int) -> list[list[int]]:
    pages = [fetch_page(client, limit=limit)]
    while pages[-1]["next_cursor"] is not None:
        pages.append(fetch_page(client, limit=limit, cursor=pages[-1]["next_cursor"]))
    return [ids(page) for page in pages]


def test_empty_store_gives_empty_page_without_cursor(client: TestClient) -> None:
    assert fetch_page(client) == {"items": [], "next_cursor": None}


def test_items_keep_their_shape(store: ArticleStore, client: TestClient) -> None:
    store.add(article(7, minutes=5))

    page = fetch_page(client)

    assert page["next_cursor"] is None
    [item] = page["items"]
    assert set(item) == {"id", "title", "published_at"}
    assert item["id"] == 7
    assert item["title"] == "Article 7"
    assert datetime.fromisoformat(item["published_at"]) == EPOCH + timedelta(minutes=5)


def test_default_limit_is_twenty(store: ArticleStore, client: TestClient) -> None:
    for article_id in range(1, 26):
        store.add(article(article_id, minutes=article_id))

    page = fetch_page(client)

    assert ids(page) == list(range(25, 5, -1))
    assert isinstance(page["next_cursor"], str)


def test_newest_first_with_ties_broken_by_higher_id(
    store: ArticleStore, client: TestClient
) -> None:
    for stored in [article(1, 10), article(4, 30), article(2, 30), article(9, 20), article(3, 30)]:
        store.add(stored)

    assert ids(fetch_page(client)) == [4, 3, 2, 9, 1]


def test_walking_pages_visits_every_article_once_in_order(
    store: ArticleStore, client: TestClient
) -> None:
    for article_id in [5, 1, 8, 3, 10, 2, 7, 4, 9, 6]:
        store.add(article(article_id, minutes=article_id * 3))

    pages = walk_all_pages(client, limit=3)

    assert pages == [[10, 9, 8], [7, 6, 5], [4, 3, 2], [1]]


def test_ties_split_across_a_page_boundary_are_neither_lost_nor_repeated(
    store: ArticleStore, client: TestClient
) -> None:
    for article_id in range(1, 8):
        store.add(article(article_id, minutes=0))
    store.add(article(20, minutes=-5))

    pages = walk_all_pages(client, limit=3)

    assert pages == [[7, 6, 5], [4, 3, 2], [1, 20]]


def test_no_empty_trailing_page_when_count_is_a_multiple_of_limit(
    store: ArticleStore, client: TestClient
) -> None:
    for article_id in range(1, 7):
        store.add(article(article_id, minutes=article_id))

    first = fetch_page(client, limit=3)
    second = fetch_page(client, limit=3, cursor=first["next_cursor"])

    assert ids(second) == [3, 2, 1]
    assert second["next_cursor"] is None


def test_articles_published_after_first_page_do_not_shift_later_pages(
    store: ArticleStore, client: TestClient
) -> None:
    for article_id in range(1, 7):
        store.add(article(article_id, minutes=article_id))
    first = fetch_page(client, limit=2)

    store.add(article(100, minutes=60))
    store.add(article(101, minutes=61))
    second = fetch_page(client, limit=2, cursor=first["next_cursor"])

    assert ids(first) == [6, 5]
    assert ids(second) == [4, 3]


def test_cursor_survives_deletion_of_the_article_it_came_from(
    store: ArticleStore, client: TestClient
) -> None:
    for article_id in range(1, 7):
        store.add(article(article_id, minutes=article_id))
    first = fetch_page(client, limit=2)

    store.delete(5)
    store.delete(4)
    second = fetch_page(client, limit=2, cursor=first["next_cursor"])

    assert ids(second) == [3, 2]


def test_limit_bounds_are_inclusive(store: ArticleStore, client: TestClient) -> None:
    for article_id in range(1, 106):
        store.add(article(article_id, minutes=article_id))

    assert ids(fetch_page(client, limit=1)) == [105]
    assert len(fetch_page(client, limit=100)["items"]) == 100


@pytest.mark.parametrize("limit", ["0", "-1", "101", "ten", "2.5"])
def test_out_of_range_or_non_integer_limit_is_rejected(client: TestClient, limit: str) -> None:
    assert client.get("/articles", params={"limit": limit}).status_code == 422


# Garbage, then base64 of JSON that is no position: {"x": 1}, null and [].
@pytest.mark.parametrize("cursor", ["not-a-cursor", "%%%", "eyJ4IjogMX0=", "bnVsbA==", "W10="])
def test_undecodable_cursor_is_bad_request(
    store: ArticleStore, client: TestClient, cursor: str
) -> None:
    store.add(article(1, minutes=1))

    assert client.get("/articles", params={"cursor": cursor}).status_code == 400
