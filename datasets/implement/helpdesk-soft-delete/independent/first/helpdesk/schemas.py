"""Request and response bodies of the HTTP API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.models import Comment, Priority, Status, Ticket

# Deliberately loose: the mail server is the real judge of an address.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class TicketCreate(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=5000)
    requester_email: str = Field(pattern=EMAIL_PATTERN)
    priority: Priority = Priority.NORMAL


class TicketUpdate(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    title: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=5000)
    priority: Priority | None = None


class StatusChange(BaseModel):
    status: Status


class Assignment(BaseModel):
    assignee: str | None = Field(default=None, min_length=1)


class CommentCreate(BaseModel):
    author: str = Field(min_length=1)
    body: str = Field(min_length=1, max_length=5000)
    internal: bool = False


class TicketOut(BaseModel):
    id: int
    title: str
    description: str
    requester_email: str
    priority: Priority
    status: Status
    assignee: str | None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None

    @classmethod
    def of(cls, ticket: Ticket) -> TicketOut:
        return cls(**ticket.__dict__)


class CommentOut(BaseModel):
    id: int
    ticket_id: int
    author: str
    body: str
    internal: bool
    created_at: datetime

    @classmethod
    def of(cls, comment: Comment) -> CommentOut:
        return cls(**comment.__dict__)


class TicketPage(BaseModel):
    items: list[TicketOut]
    total: int
    limit: int
    offset: int


class StatsOut(BaseModel):
    open: int
    pending: int
    resolved: int
    closed: int
    total: int
