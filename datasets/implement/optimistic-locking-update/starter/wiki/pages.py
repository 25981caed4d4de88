import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    slug: str
    body: str


class PageNotFound(Exception):
    def __init__(self, slug: str) -> None:
        super().__init__(f"no page with slug {slug!r}")
        self.slug = slug


class PageAlreadyExists(Exception):
    def __init__(self, slug: str) -> None:
        super().__init__(f"a page with slug {slug!r} already exists")
        self.slug = slug


class PageRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        with connection:
            connection.execute(
                "CREATE TABLE IF NOT EXISTS pages (slug TEXT PRIMARY KEY, body TEXT NOT NULL)"
            )

    def create(self, slug: str, body: str) -> Page:
        try:
            with self._connection:
                self._connection.execute(
                    "INSERT INTO pages (slug, body) VALUES (?, ?)", (slug, body)
                )
        except sqlite3.IntegrityError as error:
            raise PageAlreadyExists(slug) from error
        return Page(slug=slug, body=body)

    def get(self, slug: str) -> Page:
        row = self._connection.execute(
            "SELECT slug, body FROM pages WHERE slug = ?", (slug,)
        ).fetchone()
        if row is None:
            raise PageNotFound(slug)
        return Page(slug=row[0], body=row[1])

    def save(self, page: Page) -> None:
        with self._connection:
            cursor = self._connection.execute(
                "UPDATE pages SET body = ? WHERE slug = ?", (page.body, page.slug)
            )
        if cursor.rowcount == 0:
            raise PageNotFound(page.slug)
