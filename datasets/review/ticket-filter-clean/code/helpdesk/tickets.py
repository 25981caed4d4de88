"""Support-ticket queries for the helpdesk API (sqlite3 locally, Postgres in production)."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass

SCHEMA = """
CREATE TABLE IF NOT EXISTS tickets (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    priority TEXT NOT NULL,
    assignee TEXT,
    subject TEXT NOT NULL
)
"""

MAX_PAGE_SIZE = 100
FILTERABLE_FIELDS = frozenset({"status", "priority", "assignee"})


@dataclass(frozen=True)
class Ticket:
    id: int
    workspace_id: int
    status: str
    priority: str
    assignee: str | None
    subject: str


class TicketQueries:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._connection.execute(SCHEMA)

    def open_ticket(
        self, workspace_id: int, subject: str, priority: str = "normal", assignee: str | None = None
    ) -> Ticket:
        cursor = self._connection.execute(
            "INSERT INTO tickets (workspace_id, status, priority, assignee, subject) "
            "VALUES (?, 'open', ?, ?, ?)",
            (workspace_id, priority, assignee, subject),
        )
        self._connection.commit()
        return Ticket(int(cursor.lastrowid or 0), workspace_id, "open", priority, assignee, subject)

    def filter(
        self, workspace_id: int, filters: Mapping[str, str], limit: int = 50
    ) -> list[Ticket]:
        """Tickets of one workspace matching every `field=value` pair from the query string."""
        conditions = ["workspace_id = ?"]
        params: list[object] = [workspace_id]
        for field, value in filters.items():
            if field not in FILTERABLE_FIELDS:
                raise ValueError(f"cannot filter tickets by {field!r}")
            conditions.append(f"{field} = ?")
            params.append(value)
        params.append(max(1, min(limit, MAX_PAGE_SIZE)))
        sql = (
            "SELECT id, workspace_id, status, priority, assignee, subject FROM tickets "
            f"WHERE {' AND '.join(conditions)} ORDER BY id LIMIT ?"
        )
        return [Ticket(*row) for row in self._connection.execute(sql, params)]
