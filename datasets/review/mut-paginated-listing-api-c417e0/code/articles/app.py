from datetime import datetime
from typing import Annotated

from fastapi import FastAPI, HTTPException, Query, status
from pydantic import BaseModel

from articles.cursor import InvalidCursor, decode_cursor, encode_cursor
from articles.store import Article, ArticleStore


class ArticleOut(BaseModel):
    id: int
    title: str
    published_at: datetime

    @classmethod
    def from_article(cls, article: Article) -> "ArticleOut":
        return cls(id=article.id, title=article.title, published_at=article.published_at)


class ArticlePage(BaseModel):
    items: list[ArticleOut]
    next_cursor: str | None


def create_app(store: ArticleStore) -> FastAPI:
    app = FastAPI()

    @app.get("/articles")
    def list_articles(
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        cursor: str | None = None,
    ) -> ArticlePage:
        try:
            after = decode_cursor(cursor) if cursor is not None else None
        except InvalidCursor as error:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, str(error)) from error
        # One extra row tells us whether another page exists without a COUNT query.
        articles = store.list_newest_first(after, limit + 1)
        page, has_more = articles[:limit], len(articles) > limit
        return ArticlePage(
            items=[ArticleOut.from_article(article) for article in page],
            next_cursor=encode_cursor(page[-1].sort_key) if has_more else None,
        )

    return app
