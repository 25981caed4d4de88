import sqlite3
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Page:
    slug: str
    body: str
    version: int


class PageNotFound(Exception):
    def __init__(self, slug: str) -> None:
        super().__init__(f"no page with slug {slug!r}")
        self.slug = slug


class PageAlreadyExists(Exception):
    def __init__(self, slug: str) -> None:
        super().__init__(f"a page with slug {slug!r} already exists")
        self.slug = slug


class ConflictError(Exception):
    def __init__(self, slug: str, expected_version: int, actual_version: int) -> None:
        super().__init__(
            f"page {slug!r} was modified concurrently: "
            f"expected version {expected_version}, found {actual_version}"
        )
        self.slug = slug
        self.expected_version = expected_version
        self.actual_version = actual_version


class PageRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        with connection:
            connection.execute(
                "CREATE TABLE IF NOT EXISTS pages ("
                " slug TEXT PRIMARY KEY, body TEXT NOT NULL, version INTEGER NOT NULL)"
            )

    def create(self, slug: str, body: str) -> Page:
        page = Page(slug=slug, body=body, version=1)
        try:
            with self._connection:
                self._connection.execute(
                    "INSERT INTO pages (slug, body, version) VALUES (?, ?, ?)",
                    (page.slug, page.body, page.version),
                )
        except sqlite3.IntegrityError as error:
            raise PageAlreadyExists(slug) from error
        return page

    def get(self, slug: str) -> Page:
        row = self._connection.execute(
            "SELECT slug, body, version FROM pages WHERE slug = ?", (slug,)
        ).fetchone()
        if row is None:
            raise PageNotFound(slug)
        return Page(slug=row[0], body=row[1], version=row[2])

    def save(self, page: Page) -> Page:
        # RACY on purpose: read the version, compare in Python, then update unconditionally;
        # a save committed between the read and the update is overwritten.
        stored = self.get(page.slug)
        if stored.version != page.version:
            raise ConflictError(page.slug, page.version, stored.version)
        with self._connection:
            self._connection.execute(
                "UPDATE pages SET body = ?, version = ? WHERE slug = ?",
                (page.body, page.version + 1, page.slug),
            )
        return replace(page, version=page.version + 1)
