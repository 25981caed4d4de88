from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from feed.app import create_app


def make_client() -> TestClient:
    times = iter(datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=n) for n in range(100))
    return TestClient(create_app(lambda: next(times)))


def test_home_feed_lists_followed_posts_newest_first() -> None:
    client = make_client()
    client.put("/users/1/following/2")
    first = client.post("/posts", json={"author_id": 2, "body": "one"}).json()["id"]
    second = client.post("/posts", json={"author_id": 2, "body": "two"}).json()["id"]

    body = client.get("/users/1/feed").json()

    assert [item["id"] for item in body["items"]] == [second, first]
    assert body["next"] is None


def test_next_link_leads_to_the_rest() -> None:
    client = make_client()
    for n in range(3):
        client.post("/posts", json={"author_id": 5, "body": f"post {n}"})

    first = client.get("/users/5/posts?limit=2").json()
    rest = client.get(first["next"]).json()

    assert len(first["items"]) == 2
    assert [item["body"] for item in rest["items"]] == ["post 0"]
    assert rest["next"] is None


def test_likes_are_counted_per_post() -> None:
    client = make_client()
    post_id = client.post("/posts", json={"author_id": 2, "body": "one"}).json()["id"]

    client.put(f"/posts/{post_id}/likes/7")
    client.put(f"/posts/{post_id}/likes/3")
    client.put(f"/posts/{post_id}/likes/7")

    assert client.get(f"/posts/{post_id}/likes").json() == {
        "post_id": post_id,
        "count": 2,
        "user_ids": [3, 7],
    }
    assert client.put("/posts/999/likes/7").status_code == 404
