"""The feed API the mobile and web apps use."""

from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Response
from feed.models import Post, PostNotFound
from feed.pagination import DEFAULT_LIMIT, MAX_LIMIT, FetchAfter, InvalidCursor, Page, paginate
from feed.reactions import reaction_routes
from feed.store import Clock, FollowGraph, PostStore, utc_now
from pydantic import BaseModel, Field

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]


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


def page_or_400(fetch: FetchAfter, path: str, cursor: str | None, limit: int) -> dict[str, Any]:
    try:
        return page_json(paginate(fetch, path, cursor, limit))
    except InvalidCursor:
        raise HTTPException(400, "invalid cursor") from None


def create_app(clock: Clock = utc_now) -> FastAPI:
    app = FastAPI()
    posts = PostStore(clock)
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

    @app.get("/users/{user_id}/feed")
    def home_feed(
        user_id: int, cursor: str | None = None, limit: Limit = DEFAULT_LIMIT
    ) -> dict[str, Any]:
        """Posts of the people `user_id` follows."""
        authors = follows.following(user_id)
        return page_or_400(
            lambda after, size: posts.by_authors(authors, after, size),
            f"/users/{user_id}/feed",
            cursor,
            limit,
        )

    @app.get("/users/{user_id}/posts")
    def profile(
        user_id: int, cursor: str | None = None, limit: Limit = DEFAULT_LIMIT
    ) -> dict[str, Any]:
        """The user's own posts, as shown on their profile."""
        return page_or_400(
            lambda after, size: posts.by_authors({user_id}, after, size),
            f"/users/{user_id}/posts",
            cursor,
            limit,
        )

    return app
