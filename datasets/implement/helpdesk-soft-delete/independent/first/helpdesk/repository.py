"""Persistence of tickets and comments. Every SQL statement of the service lives here.

Deleting a ticket is a soft delete: the row stays, with `deleted_at` set. Every query here
treats such a ticket (and its comments) as absent unless it says otherwise, so callers never
have to remember to filter.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from helpdesk.models import Comment, NewTicket, Page, Priority, Status, Ticket, TicketFilter

TICKET_COLUMNS = (
    "id, title, description, requester_email, priority, status, assignee, created_at, updated_at,"
    " deleted_at"
)

# The condition that a ticket row is live (not soft-deleted).
LIVE = "deleted_at IS NULL"


def _ticket_from_row(row: sqlite3.Row) -> Ticket:
    return Ticket(
        id=row["id"],
        title=row["title"],
        description=row["description"],
        requester_email=row["requester_email"],
        priority=Priority(row["priority"]),
        status=Status(row["status"]),
        assignee=row["assignee"],
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        deleted_at=None if row["deleted_at"] is None else datetime.fromisoformat(row["deleted_at"]),
    )


def _comment_from_row(row: sqlite3.Row) -> Comment:
    return Comment(
        id=row["id"],
        ticket_id=row["ticket_id"],
        author=row["author"],
        body=row["body"],
        internal=bool(row["internal"]),
        created_at=datetime.fromisoformat(row["created_at"]),
    )


def _where(filters: TicketFilter) -> tuple[str, list[object]]:
    """The WHERE clause (possibly empty) and its parameters for a listing filter."""
    clauses: list[str] = [] if filters.include_deleted else [LIVE]
    params: list[object] = []
    if filters.status is not None:
        clauses.append("status = ?")
        params.append(filters.status.value)
    if filters.priority is not None:
        clauses.append("priority = ?")
        params.append(filters.priority.value)
    if filters.assignee is not None:
        clauses.append("assignee = ?")
        params.append(filters.assignee)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


class TicketRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def add(self, draft: NewTicket, now: datetime) -> Ticket:
        with self._connection:
            cursor = self._connection.execute(
                "INSERT INTO tickets (title, description, requester_email, priority, status,"
                " assignee, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)",
                (
                    draft.title,
                    draft.description,
                    draft.requester_email,
                    draft.priority.value,
                    Status.OPEN.value,
                    now.isoformat(),
                    now.isoformat(),
                ),
            )
        ticket_id = cursor.lastrowid
        assert ticket_id is not None
        return Ticket(
            ticket_id,
            draft.title,
            draft.description,
            draft.requester_email,
            draft.priority,
            Status.OPEN,
            None,
            now,
            now,
        )

    def get(self, ticket_id: int) -> Ticket | None:
        """The live ticket with that id; None if there is none (or it is deleted)."""
        row = self._connection.execute(
            f"SELECT {TICKET_COLUMNS} FROM tickets WHERE id = ? AND {LIVE}", (ticket_id,)
        ).fetchone()
        return None if row is None else _ticket_from_row(row)

    def list(self, filters: TicketFilter, limit: int, offset: int) -> Page[Ticket]:
        where, params = _where(filters)
        total = self._connection.execute(
            f"SELECT COUNT(*) FROM tickets{where}", params
        ).fetchone()[0]
        rows = self._connection.execute(
            f"SELECT {TICKET_COLUMNS} FROM tickets{where} ORDER BY id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return Page([_ticket_from_row(row) for row in rows], total, limit, offset)

    def search(self, text: str, limit: int) -> list[Ticket]:
        """Tickets whose title or description contains `text` (case-insensitive), newest first."""
        pattern = f"%{text}%"
        rows = self._connection.execute(
            f"SELECT {TICKET_COLUMNS} FROM tickets"
            f" WHERE (title LIKE ? OR description LIKE ?) AND {LIVE}"
            " ORDER BY id DESC LIMIT ?",
            (pattern, pattern, limit),
        ).fetchall()
        return [_ticket_from_row(row) for row in rows]

    def save(self, ticket: Ticket) -> None:
        """Write back every field a ticket's owner may change (a deleted ticket is left as is)."""
        with self._connection:
            self._connection.execute(
                "UPDATE tickets SET title = ?, description = ?, priority = ?, status = ?,"
                f" assignee = ?, updated_at = ? WHERE id = ? AND {LIVE}",
                (
                    ticket.title,
                    ticket.description,
                    ticket.priority.value,
                    ticket.status.value,
                    ticket.assignee,
                    ticket.updated_at.isoformat(),
                    ticket.id,
                ),
            )

    def delete(self, ticket_id: int, now: datetime) -> bool:
        """Mark a live ticket deleted at `now`; its comments and other fields are kept.

        False if there is no live ticket with that id.
        """
        with self._connection:
            cursor = self._connection.execute(
                f"UPDATE tickets SET deleted_at = ? WHERE id = ? AND {LIVE}",
                (now.isoformat(), ticket_id),
            )
        return cursor.rowcount > 0

    def restore(self, ticket_id: int) -> bool:
        """Make a deleted ticket live again, exactly as it was. False if none is deleted."""
        with self._connection:
            cursor = self._connection.execute(
                "UPDATE tickets SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL",
                (ticket_id,),
            )
        return cursor.rowcount > 0

    def add_comment(
        self, ticket_id: int, author: str, body: str, internal: bool, now: datetime
    ) -> Comment:
        """Add a comment to a live ticket (the caller has checked that it is one)."""
        with self._connection:
            cursor = self._connection.execute(
                "INSERT INTO comments (ticket_id, author, body, internal, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (ticket_id, author, body, int(internal), now.isoformat()),
            )
        comment_id = cursor.lastrowid
        assert comment_id is not None
        return Comment(comment_id, ticket_id, author, body, internal, now)

    def comments(self, ticket_id: int, include_internal: bool) -> list[Comment]:
        """The comments of a live ticket, oldest first; none for a deleted ticket."""
        query = (
            "SELECT c.* FROM comments AS c JOIN tickets AS t ON t.id = c.ticket_id"
            f" WHERE c.ticket_id = ? AND t.{LIVE}"
        )
        if not include_internal:
            query += " AND c.internal = 0"
        rows = self._connection.execute(query + " ORDER BY c.id", (ticket_id,)).fetchall()
        return [_comment_from_row(row) for row in rows]

    def count_by_status(self) -> dict[Status, int]:
        rows = self._connection.execute(
            f"SELECT status, COUNT(*) AS n FROM tickets WHERE {LIVE} GROUP BY status"
        ).fetchall()
        counts = {status: 0 for status in Status}
        for row in rows:
            counts[Status(row["status"])] = row["n"]
        return counts
