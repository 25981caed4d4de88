"""The feed API the mobile and web apps use."""

import secrets
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Response
from pydantic import BaseModel, Field

from feed.models import Post, PostNotFound
from feed.pagination import (
    DEFAULT_LIMIT,
    MAX_CURSOR_LENGTH,
    MAX_LIMIT,
    InvalidCursor,
    Page,
    Paginator,
    Position,
)
from feed.reactions import reaction_routes
from feed.store import Clock, FollowGraph, PostStore, utc_now

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
# opaque, from a `next` link; absent for the first page
PageCursor = Annotated[str | None, Query(max_length=MAX_CURSOR_LENGTH)]


class NewPost(BaseModel):
    author_id: int
    body: str = Field(min_length=1, max_length=500)


def post_json(post: Post) -> dict[str, Any]:
    return {
        "id": post.id,
        "author_id": post.author_id,
        "body": post.body,
        "created_at": post.created_at.isoformat(),
    }


def page_json(page: Page) -> dict[str, Any]:
    return {"items": [post_json(post) for post in page.items], "next": page.next}


def create_app(clock: Clock = utc_now, cursor_secret: bytes | None = None) -> FastAPI:
    """`cursor_secret` signs the page cursors in `next` links; every instance serving the same
    users must share it (a random one is fine for a single process)."""
    app = FastAPI()
    posts = PostStore(clock)
    paginator = Paginator(cursor_secret or secrets.token_bytes(32))
    follows = FollowGraph()
    app.include_router(reaction_routes(posts))

    @app.post("/posts", status_code=201)
    def publish(new_post: NewPost) -> dict[str, Any]:
        return post_json(posts.publish(new_post.author_id, new_post.body))

    @app.delete("/posts/{post_id}", status_code=204)
    def delete(post_id: int) -> Response:
        try:
            posts.delete(post_id)
        except PostNotFound:
            raise HTTPException(404, "no such post") from None
        return Response(status_code=204)

    @app.put("/users/{user_id}/following/{author_id}", status_code=204)
    def follow(user_id: int, author_id: int) -> Response:
        follows.follow(user_id, author_id)
        return Response(status_code=204)

    @app.delete("/users/{user_id}/following/{author_id}", status_code=204)
    def unfollow(user_id: int, author_id: int) -> Response:
        follows.unfollow(user_id, author_id)
        return Response(status_code=204)

    def list_page(
        authors: frozenset[int], path: str, cursor: str | None, limit: int
    ) -> dict[str, Any]:
        def fetch(after: Position | None, newest_id: int, size: int) -> list[Post]:
            return posts.by_authors_after(authors, after, newest_id, size)

        try:
            page = paginator.page(fetch, path, cursor, limit, posts.newest_id)
        except InvalidCursor:
            raise HTTPException(400, "invalid page cursor") from None
        return page_json(page)

    @app.get("/users/{user_id}/feed")
    def home_feed(
        user_id: int, limit: Limit = DEFAULT_LIMIT, cursor: PageCursor = None
    ) -> dict[str, Any]:
        """Posts of the people `user_id` follows."""
        return list_page(follows.following(user_id), f"/users/{user_id}/feed", cursor, limit)

    @app.get("/users/{user_id}/posts")
    def profile(
        user_id: int, limit: Limit = DEFAULT_LIMIT, cursor: PageCursor = None
    ) -> dict[str, Any]:
        """The user's own posts, as shown on their profile."""
        return list_page(frozenset({user_id}), f"/users/{user_id}/posts", cursor, limit)

    return app
