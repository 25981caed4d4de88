from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    published_at: datetime


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
