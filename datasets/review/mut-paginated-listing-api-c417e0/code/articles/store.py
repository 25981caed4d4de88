from dataclasses import dataclass
from datetime import datetime

# Position in the listing order: (published_at, id), compared newest-first.
SortKey = tuple[datetime, int]


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    published_at: datetime

    @property
    def sort_key(self) -> SortKey:
        return (self.published_at, self.id)


class ArticleStore:
    """In-memory article storage; will be swapped for Postgres later."""

    def __init__(self) -> None:
        self._articles: dict[int, Article] = {}

    def add(self, article: Article) -> None:
        self._articles[article.id] = article

    def delete(self, article_id: int) -> None:
        self._articles.pop(article_id, None)

    def all(self) -> list[Article]:
        return list(self._articles.values())

    def list_newest_first(self, after: SortKey | None, limit: int) -> list[Article]:
        """Up to `limit` articles that come strictly after `after` in newest-first order."""
        newest_first = sorted(self._articles.values(), key=lambda a: a.sort_key, reverse=False)
        if after is not None:
            newest_first = [a for a in newest_first if a.sort_key < after]
        return newest_first[:limit]
