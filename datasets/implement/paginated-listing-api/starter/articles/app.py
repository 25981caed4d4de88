from datetime import datetime

from fastapi import FastAPI
from pydantic import BaseModel

from articles.store import Article, ArticleStore


class ArticleOut(BaseModel):
    id: int
    title: str
    published_at: datetime

    @classmethod
    def from_article(cls, article: Article) -> "ArticleOut":
        return cls(id=article.id, title=article.title, published_at=article.published_at)


def create_app(store: ArticleStore) -> FastAPI:
    app = FastAPI()

    @app.get("/articles")
    def list_articles() -> list[ArticleOut]:
        return [ArticleOut.from_article(article) for article in store.all()]

    return app
