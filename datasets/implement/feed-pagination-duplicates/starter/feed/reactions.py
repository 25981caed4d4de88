"""Likes on posts: `PUT`/`DELETE /posts/{post_id}/likes/{user_id}`, `GET /posts/{post_id}/likes`."""

from typing import Any

from fastapi import APIRouter, HTTPException, Response

from feed.models import PostNotFound
from feed.store import PostStore


class Likes:
    def __init__(self) -> None:
        self._likers: dict[int, set[int]] = {}

    def like(self, post_id: int, user_id: int) -> None:
        self._likers.setdefault(post_id, set()).add(user_id)

    def unlike(self, post_id: int, user_id: int) -> None:
        self._likers.get(post_id, set()).discard(user_id)

    def likers(self, post_id: int) -> list[int]:
        return sorted(self._likers.get(post_id, set()))


def reaction_routes(posts: PostStore) -> APIRouter:
    router = APIRouter()
    likes = Likes()

    def existing(post_id: int) -> int:
        try:
            posts.get(post_id)
        except PostNotFound:
            raise HTTPException(404, "no such post") from None
        return post_id

    @router.put("/posts/{post_id}/likes/{user_id}", status_code=204)
    def like(post_id: int, user_id: int) -> Response:
        likes.like(existing(post_id), user_id)
        return Response(status_code=204)

    @router.delete("/posts/{post_id}/likes/{user_id}", status_code=204)
    def unlike(post_id: int, user_id: int) -> Response:
        likes.unlike(existing(post_id), user_id)
        return Response(status_code=204)

    @router.get("/posts/{post_id}/likes")
    def likers(post_id: int) -> dict[str, Any]:
        likers = likes.likers(existing(post_id))
        return {"post_id": post_id, "count": len(likers), "user_ids": likers}

    return router
