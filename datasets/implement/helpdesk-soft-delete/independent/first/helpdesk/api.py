"""HTTP layer: request parsing, status codes and error mapping. No business rules here.

No `from __future__ import annotations`: FastAPI must see the route signatures' real types.
"""

from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import Annotated

from fastapi import Depends, FastAPI, Query, Request, Response
from fastapi.responses import JSONResponse

from helpdesk.config import Settings
from helpdesk.db import connect, init_schema
from helpdesk.errors import HelpdeskError, InvalidTransition, TicketClosed, TicketNotFound
from helpdesk.models import NewTicket, Priority, Status, TicketFilter
from helpdesk.repository import TicketRepository
from helpdesk.schemas import (
    Assignment,
    CommentCreate,
    CommentOut,
    StatsOut,
    StatusChange,
    TicketCreate,
    TicketOut,
    TicketPage,
    TicketUpdate,
)
from helpdesk.service import Clock, HelpdeskService, TicketChanges

ERROR_STATUS: dict[type[HelpdeskError], int] = {
    TicketNotFound: 404,
    InvalidTransition: 409,
    TicketClosed: 409,
}


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def create_app(settings: Settings, clock: Clock = utc_now) -> FastAPI:
    init_schema(settings.database_path)
    app = FastAPI(title="Helpdesk")

    def service() -> Iterator[HelpdeskService]:
        connection = connect(settings.database_path)
        try:
            yield HelpdeskService(TicketRepository(connection), clock)
        finally:
            connection.close()

    @app.exception_handler(HelpdeskError)
    def domain_error(request: Request, error: HelpdeskError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=ERROR_STATUS[type(error)])

    _ticket_routes(app, settings, service)
    _comment_routes(app, service)
    return app


ServiceFactory = Callable[[], Iterator[HelpdeskService]]


def _ticket_routes(app: FastAPI, settings: Settings, service: ServiceFactory) -> None:
    Svc = Annotated[HelpdeskService, Depends(service)]  # noqa: N806 - a type alias

    @app.post("/tickets", status_code=201)
    def open_ticket(body: TicketCreate, svc: Svc) -> TicketOut:
        draft = NewTicket(body.title, body.description, body.requester_email, body.priority)
        return TicketOut.of(svc.open_ticket(draft))

    @app.get("/tickets")
    def list_tickets(
        svc: Svc,
        status: Status | None = None,
        priority: Priority | None = None,
        assignee: str | None = None,
        limit: Annotated[int | None, Query(ge=1)] = None,
        offset: Annotated[int, Query(ge=0)] = 0,
        include_deleted: bool = False,
    ) -> TicketPage:
        size = min(limit or settings.default_page_size, settings.max_page_size)
        filters = TicketFilter(status, priority, assignee, include_deleted)
        page = svc.tickets(filters, size, offset)
        items = [TicketOut.of(ticket) for ticket in page.items]
        return TicketPage(items=items, total=page.total, limit=page.limit, offset=page.offset)

    @app.get("/tickets/search")
    def search(
        svc: Svc, q: Annotated[str, Query(min_length=2)], limit: Annotated[int, Query(ge=1)] = 20
    ) -> list[TicketOut]:
        found = svc.search(q, min(limit, settings.max_page_size))
        return [TicketOut.of(ticket) for ticket in found]

    @app.get("/tickets/{ticket_id}")
    def get_ticket(ticket_id: int, svc: Svc) -> TicketOut:
        return TicketOut.of(svc.ticket(ticket_id))

    @app.patch("/tickets/{ticket_id}")
    def edit_ticket(ticket_id: int, body: TicketUpdate, svc: Svc) -> TicketOut:
        changes = TicketChanges(body.title, body.description, body.priority)
        return TicketOut.of(svc.edit(ticket_id, changes))

    @app.post("/tickets/{ticket_id}/status")
    def change_status(ticket_id: int, body: StatusChange, svc: Svc) -> TicketOut:
        return TicketOut.of(svc.change_status(ticket_id, body.status))

    @app.post("/tickets/{ticket_id}/assign")
    def assign(ticket_id: int, body: Assignment, svc: Svc) -> TicketOut:
        return TicketOut.of(svc.assign(ticket_id, body.assignee))

    @app.delete("/tickets/{ticket_id}", status_code=204)
    def delete_ticket(ticket_id: int, svc: Svc) -> Response:
        svc.delete(ticket_id)
        return Response(status_code=204)

    @app.post("/tickets/{ticket_id}/restore")
    def restore_ticket(ticket_id: int, svc: Svc) -> TicketOut:
        return TicketOut.of(svc.restore(ticket_id))

    @app.get("/stats")
    def stats(svc: Svc) -> StatsOut:
        counts = svc.stats()
        return StatsOut(
            open=counts[Status.OPEN],
            pending=counts[Status.PENDING],
            resolved=counts[Status.RESOLVED],
            closed=counts[Status.CLOSED],
            total=sum(counts.values()),
        )


def _comment_routes(app: FastAPI, service: ServiceFactory) -> None:
    Svc = Annotated[HelpdeskService, Depends(service)]  # noqa: N806 - a type alias

    @app.post("/tickets/{ticket_id}/comments", status_code=201)
    def add_comment(ticket_id: int, body: CommentCreate, svc: Svc) -> CommentOut:
        comment = svc.comment(ticket_id, body.author, body.body, body.internal)
        return CommentOut.of(comment)

    @app.get("/tickets/{ticket_id}/comments")
    def list_comments(ticket_id: int, svc: Svc, include_internal: bool = False) -> list[CommentOut]:
        return [CommentOut.of(c) for c in svc.comments(ticket_id, include_internal)]
