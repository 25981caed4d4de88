"""Posts and follows, in memory (the production store runs the same queries in Postgres)."""

from collections.abc import Callable, Collection
from datetime import UTC, datetime
from itertools import count

from feed.models import Post, PostNotFound
from feed.pagination import Position

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def newest_first(post: Post) -> tuple[datetime, int]:
    """Feeds list the newest post first; posts made in the same instant, the later id first."""
    return (post.created_at, post.id)


class PostStore:
    def __init__(self, clock: Clock = utc_now) -> None:
        self._clock = clock
        self._posts: dict[int, Post] = {}
        self._ids = count(1)
        self._newest_id = 0

    def publish(self, author_id: int, body: str) -> Post:
        post = Post(next(self._ids), author_id, body, self._clock())
        self._posts[post.id] = post
        self._newest_id = post.id
        return post

    def newest_id(self) -> int:
        """The id of the last post published so far (deleted or not); ids only grow."""
        return self._newest_id

    def get(self, post_id: int) -> Post:
        try:
            return self._posts[post_id]
        except KeyError:
            raise PostNotFound(post_id) from None

    def delete(self, post_id: int) -> None:
        if self._posts.pop(post_id, None) is None:
            raise PostNotFound(post_id)

    def by_authors(self, author_ids: Collection[int], offset: int, limit: int) -> list[Post]:
        """The authors' posts, newest first, `limit` of them after skipping `offset`."""
        posts = [post for post in self._posts.values() if post.author_id in author_ids]
        posts.sort(key=newest_first, reverse=True)
        return posts[offset : offset + limit]

    def by_authors_after(
        self,
        author_ids: Collection[int],
        after: Position | None,
        newest_id: int,
        limit: int,
    ) -> list[Post]:
        """The authors' posts, newest first, that come after `after` in that order (from the
        top when None) and were published no later than post `newest_id`; `limit` of them."""
        posts = [
            post
            for post in self._posts.values()
            if post.author_id in author_ids
            and post.id <= newest_id
            and (after is None or newest_first(post) < after.key())
        ]
        posts.sort(key=newest_first, reverse=True)
        return posts[:limit]


class FollowGraph:
    def __init__(self) -> None:
        self._following: dict[int, set[int]] = {}

    def follow(self, user_id: int, author_id: int) -> None:
        self._following.setdefault(user_id, set()).add(author_id)

    def unfollow(self, user_id: int, author_id: int) -> None:
        self._following.get(user_id, set()).discard(author_id)

    def following(self, user_id: int) -> frozenset[int]:
        return frozenset(self._following.get(user_id, set()))
