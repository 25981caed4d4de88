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
        with self._connection:
            # Compare-and-set in one statement: the version check and the write cannot be
            # separated by another writer.
            cursor = self._connection.execute(
                "UPDATE pages SET body = ?, version = version + 1 WHERE slug = ? AND version = ?",
                (page.body, page.slug, page.version),
            )
            if cursor.rowcount == 0:
                raise self._explain_rejected_save(page)
        return replace(page, version=page.version + 1)

    def _explain_rejected_save(self, page: Page) -> PageNotFound | ConflictError:
        row = self._connection.execute(
            "SELECT version FROM pages WHERE slug = ?", (page.slug,)
        ).fetchone()
        if row is None:
            return PageNotFound(page.slug)
        return ConflictError(page.slug, expected_version=page.version, actual_version=row[0])
