"""Helpdesk use cases: the rules of the ticket lifecycle, over the repository."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from helpdesk.errors import InvalidTransition, TicketClosed, TicketNotFound
from helpdesk.models import (
    ALLOWED_TRANSITIONS,
    REOPENED_BY_CUSTOMER_REPLY,
    Comment,
    NewTicket,
    Page,
    Priority,
    Status,
    Ticket,
    TicketFilter,
)
from helpdesk.repository import TicketRepository

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class TicketChanges:
    """A partial edit: None leaves a field as it is."""

    title: str | None = None
    description: str | None = None
    priority: Priority | None = None


class HelpdeskService:
    def __init__(self, repository: TicketRepository, clock: Clock) -> None:
        self._tickets = repository
        self._clock = clock

    def open_ticket(self, draft: NewTicket) -> Ticket:
        return self._tickets.add(draft, self._clock())

    def ticket(self, ticket_id: int) -> Ticket:
        ticket = self._tickets.get(ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        return ticket

    def tickets(self, filters: TicketFilter, limit: int, offset: int) -> Page[Ticket]:
        return self._tickets.list(filters, limit, offset)

    def search(self, text: str, limit: int) -> list[Ticket]:
        return self._tickets.search(text, limit)

    def edit(self, ticket_id: int, changes: TicketChanges) -> Ticket:
        ticket = self._open_for_work(ticket_id)
        edited = replace(
            ticket,
            title=ticket.title if changes.title is None else changes.title,
            description=ticket.description if changes.description is None else changes.description,
            priority=ticket.priority if changes.priority is None else changes.priority,
        )
        return self._save(edited)

    def change_status(self, ticket_id: int, status: Status) -> Ticket:
        ticket = self.ticket(ticket_id)
        if status not in ALLOWED_TRANSITIONS[ticket.status]:
            raise InvalidTransition(ticket.status.value, status.value)
        return self._save(replace(ticket, status=status))

    def assign(self, ticket_id: int, assignee: str | None) -> Ticket:
        ticket = self._open_for_work(ticket_id)
        return self._save(replace(ticket, assignee=assignee))

    def comment(self, ticket_id: int, author: str, body: str, internal: bool) -> Comment:
        ticket = self._open_for_work(ticket_id)
        now = self._clock()
        comment = self._tickets.add_comment(ticket_id, author, body, internal, now)
        if author == ticket.requester_email and ticket.status in REOPENED_BY_CUSTOMER_REPLY:
            self._tickets.save(replace(ticket, status=Status.OPEN, updated_at=now))
        return comment

    def comments(self, ticket_id: int, include_internal: bool) -> list[Comment]:
        self.ticket(ticket_id)
        return self._tickets.comments(ticket_id, include_internal)

    def delete(self, ticket_id: int) -> None:
        """Soft-delete a ticket: it disappears from every view but can be restored."""
        if not self._tickets.delete(ticket_id, self._clock()):
            raise TicketNotFound(ticket_id)

    def restore(self, ticket_id: int) -> Ticket:
        """Bring a deleted ticket back as it was; deleting and restoring are not edits."""
        if not self._tickets.restore(ticket_id):
            raise TicketNotFound(ticket_id)
        return self.ticket(ticket_id)

    def stats(self) -> dict[Status, int]:
        return self._tickets.count_by_status()

    def _open_for_work(self, ticket_id: int) -> Ticket:
        """The ticket, if it can still be edited, assigned or commented on."""
        ticket = self.ticket(ticket_id)
        if ticket.status is Status.CLOSED:
            raise TicketClosed(ticket_id)
        return ticket

    def _save(self, ticket: Ticket) -> Ticket:
        saved = replace(ticket, updated_at=self._clock())
        self._tickets.save(saved)
        return saved
