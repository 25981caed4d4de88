"""Read model for the issue tracker's board view (one card per issue)."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
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
        """Every issue of the project, in creation order, with its assignee and labels.

        Two queries whatever the board size: issues joined to their assignee, then all labels.
        """
        issues = self._connection.execute(
            "SELECT issues.id, issues.title, issues.status, users.name FROM issues "
            "LEFT JOIN users ON users.id = issues.assignee_id "
            "WHERE issues.project_id = ? ORDER BY issues.id",
            (project_id,),
        ).fetchall()
        labels = self._labels_by_issue(project_id)
        return [
            Card(issue_id, title, status, assignee, tuple(labels[issue_id]))
            for issue_id, title, status, assignee in issues
        ]

    def _labels_by_issue(self, project_id: int) -> dict[int, list[str]]:
        rows = self._connection.execute(
            "SELECT issue_labels.issue_id, issue_labels.label FROM issue_labels "
            "JOIN issues ON issues.id = issue_labels.issue_id "
            "WHERE issues.project_id = ? ORDER BY issue_labels.label",
            (project_id,),
        ).fetchall()
        labels: dict[int, list[str]] = defaultdict(list)
        for issue_id, label in rows:
            labels[issue_id].append(label)
        return labels
