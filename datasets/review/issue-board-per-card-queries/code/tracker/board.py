"""Read model for the issue tracker's board view (one card per issue)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS issues (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    assignee_id INTEGER REFERENCES users (id)
);
CREATE TABLE IF NOT EXISTS issue_labels (
    issue_id INTEGER NOT NULL REFERENCES issues (id),
    label TEXT NOT NULL,
    PRIMARY KEY (issue_id, label)
);
"""


@dataclass(frozen=True)
class Card:
    issue_id: int
    title: str
    status: str
    assignee: str | None
    labels: tuple[str, ...]


class BoardQueries:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._connection.executescript(SCHEMA)

    def cards(self, project_id: int) -> list[Card]:
        """Every issue of the project, in creation order, with its assignee and labels."""
        issues = self._connection.execute(
            "SELECT id, title, status, assignee_id FROM issues WHERE project_id = ? ORDER BY id",
            (project_id,),
        ).fetchall()
        return [
            Card(
                issue_id,
                title,
                status,
                self._assignee_name(assignee_id),
                self._labels(issue_id),
            )
            for issue_id, title, status, assignee_id in issues
        ]

    def _assignee_name(self, user_id: int | None) -> str | None:
        if user_id is None:
            return None
        row = self._connection.execute("SELECT name FROM users WHERE id = ?", (user_id,)).fetchone()
        return str(row[0]) if row else None

    def _labels(self, issue_id: int) -> tuple[str, ...]:
        rows = self._connection.execute(
            "SELECT label FROM issue_labels WHERE issue_id = ? ORDER BY label", (issue_id,)
        ).fetchall()
        return tuple(label for (label,) in rows)
