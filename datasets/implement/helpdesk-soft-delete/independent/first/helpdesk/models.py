"""Domain model of the helpdesk, independent of storage and HTTP."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Generic, TypeVar

T = TypeVar("T")


class Status(str, Enum):
    OPEN = "open"
    PENDING = "pending"
    RESOLVED = "resolved"
    CLOSED = "closed"


class Priority(str, Enum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


# Closed is terminal: a customer who writes again gets a new ticket, so SLA reports stay honest.
ALLOWED_TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.OPEN: frozenset({Status.PENDING, Status.RESOLVED, Status.CLOSED}),
    Status.PENDING: frozenset({Status.OPEN, Status.RESOLVED, Status.CLOSED}),
    Status.RESOLVED: frozenset({Status.OPEN, Status.CLOSED}),
    Status.CLOSED: frozenset(),
}

# A reply from the customer on these statuses means the ball is back in our court.
REOPENED_BY_CUSTOMER_REPLY = frozenset({Status.PENDING, Status.RESOLVED})


@dataclass
class NewTicket:
    title: str
    description: str
    requester_email: str
    priority: Priority


@dataclass
class Ticket:
    id: int
    title: str
    description: str
    requester_email: str
    priority: Priority
    status: Status
    assignee: str | None
    created_at: datetime
    updated_at: datetime
    # When the ticket was (soft) deleted; None while it is live.
    deleted_at: datetime | None = None


@dataclass
class Comment:
    id: int
    ticket_id: int
    author: str
    body: str
    internal: bool
    created_at: datetime


@dataclass(frozen=True)
class TicketFilter:
    status: Status | None = None
    priority: Priority | None = None
    assignee: str | None = None
    # Soft-deleted tickets are left out unless a listing asks for them explicitly.
    include_deleted: bool = False


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int
