"""Activity feed with keyset pagination: newest first, stable while new events arrive."""

from __future__ import annotations

import base64
import sqlite3
from dataclasses import dataclass

SCHEMA = """
CREATE TABLE IF NOT EXISTS activity (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL,
    occurred_at TEXT NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS activity_by_project ON activity (project_id, occurred_at, id);
"""
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Activity:
    id: int
    occurred_at: str
    summary: str


@dataclass(frozen=True)
class Page:
    items: list[Activity]
    next_cursor: str | None


class InvalidCursor(ValueError):
    pass


def encode_cursor(item: Activity) -> str:
    return base64.urlsafe_b64encode(f"{item.occurred_at}|{item.id}".encode()).decode()


def decode_cursor(cursor: str) -> tuple[str, int]:
    try:
        occurred_at, _, item_id = base64.urlsafe_b64decode(cursor).decode().partition("|")
        return occurred_at, int(item_id)
    except ValueError as exc:
        raise InvalidCursor(cursor) from exc


class ActivityFeed:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._connection.executescript(SCHEMA)

    def record(self, project_id: int, occurred_at: str, summary: str) -> None:
        with self._connection:
            self._connection.execute(
                "INSERT INTO activity (project_id, occurred_at, summary) VALUES (?, ?, ?)",
                (project_id, occurred_at, summary),
            )

    def page(self, project_id: int, size: int = 20, cursor: str | None = None) -> Page:
        size = max(1, min(size, MAX_PAGE_SIZE))
        # Before the cursor in (occurred_at DESC, id DESC) order; the first page has no bound.
        after_at, after_id = decode_cursor(cursor) if cursor else ("9999", 0)
        rows = self._connection.execute(
            "SELECT id, occurred_at, summary FROM activity "
            "WHERE project_id = ? AND (occurred_at < ? OR (occurred_at = ? AND id < ?)) "
            "ORDER BY occurred_at DESC, id DESC LIMIT ?",
            (project_id, after_at, after_at, after_id, size + 1),
        ).fetchall()
        items = [Activity(*row) for row in rows]
        # One row more than the page tells us whether another page follows.
        page_items = items[:size]
        next_cursor = encode_cursor(page_items[-1]) if len(items) > size else None
        return Page(page_items, next_cursor)
