"""Audit log API: organisation admins browse who did what, newest first."""

from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends, FastAPI, Header, Query
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from audit.models import AuditEvent


class AuditEventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    actor: str
    action: str
    occurred_at: datetime


class AuditPage(BaseModel):
    items: list[AuditEventOut]
    next_before_id: int | None


def create_app(session_factory: sessionmaker[Session]) -> FastAPI:
    app = FastAPI()

    def get_session() -> Iterator[Session]:
        with session_factory() as session:
            yield session

    @app.get("/audit-events")
    def list_events(
        session: Annotated[Session, Depends(get_session)],
        x_organisation_id: Annotated[int, Header()],
        before_id: int | None = None,
        limit: Annotated[int | None, Query(ge=1)] = None,
    ) -> AuditPage:
        stmt = (
            select(AuditEvent)
            .where(AuditEvent.organisation_id == x_organisation_id)
            .order_by(AuditEvent.id.desc())
        )
        if before_id is not None:
            stmt = stmt.where(AuditEvent.id < before_id)
        if limit is not None:
            stmt = stmt.limit(limit)
        events = session.scalars(stmt).all()
        items = [AuditEventOut.model_validate(e) for e in events]
        next_before_id = items[-1].id if limit is not None and len(items) == limit else None
        return AuditPage(items=items, next_before_id=next_before_id)

    return app
