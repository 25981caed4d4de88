"""HTTP API of the data rooms. The SSO gateway in front of it authenticates users and sets
`X-User`; uploads go through the ingest service, which writes with `DocumentStore.save`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime, timezone
from typing import Annotated

from fastapi import FastAPI, Header, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from dataroom.access import AccessDenied, Permission, Role, RoomAccess
from dataroom.activity import document_activity, never_read
from dataroom.audit import AuditEvent, AuditLog
from dataroom.bundles import BundleBuilder, BundleError
from dataroom.storage import DocumentNotFound, DocumentStore, ForbiddenPath, InvalidRoom

User = Annotated[str, Header(alias="X-User")]


class DocumentOut(BaseModel):
    name: str
    size: int
    modified_at: datetime


class BundleRequest(BaseModel):
    documents: list[str] = Field(min_length=1)


class MembershipIn(BaseModel):
    role: Role


class ActivityOut(BaseModel):
    name: str
    reads: int
    readers: list[str]
    last_read_at: datetime


class ActivityReport(BaseModel):
    documents: list[ActivityOut]
    never_read: list[str]


def create_app(
    store: DocumentStore,
    access: RoomAccess,
    audit: AuditLog,
    clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
) -> FastAPI:
    app = FastAPI(title="Data rooms")
    bundles = BundleBuilder(store, access, audit, clock)

    @app.exception_handler(AccessDenied)
    def denied(_: Request, exc: AccessDenied) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=403)

    @app.exception_handler(InvalidRoom)
    @app.exception_handler(DocumentNotFound)
    def not_found(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(ForbiddenPath)
    @app.exception_handler(BundleError)
    def bad_request(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.get("/rooms/{room_id}/documents")
    def list_documents(room_id: str, user: User) -> list[DocumentOut]:
        access.require(room_id, user, Permission.READ)
        return [DocumentOut(**asdict(info)) for info in store.list(room_id)]

    @app.get("/rooms/{room_id}/documents/{name:path}")
    def download(room_id: str, name: str, user: User) -> Response:
        access.require(room_id, user, Permission.READ)
        with store.open_for_read(room_id, name) as document:
            content = document.read()
        audit.record(AuditEvent(clock(), user, room_id, "download", (name,)))
        return Response(content, media_type="application/octet-stream")

    @app.delete("/rooms/{room_id}/documents/{name:path}", status_code=204)
    def delete(room_id: str, name: str, user: User) -> None:
        access.require(room_id, user, Permission.DELETE)
        store.delete(room_id, name)
        audit.record(AuditEvent(clock(), user, room_id, "delete", (name,)))

    @app.post("/rooms/{room_id}/bundles")
    def bundle(room_id: str, body: BundleRequest, user: User) -> Response:
        built = bundles.build(room_id, user, body.documents)
        return Response(
            built.content,
            media_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{built.filename}"'},
        )

    @app.put("/rooms/{room_id}/members/{member}", status_code=204)
    def set_member(room_id: str, member: str, body: MembershipIn, user: User) -> None:
        access.require(room_id, user, Permission.MANAGE)
        access.grant(room_id, member, body.role)

    @app.delete("/rooms/{room_id}/members/{member}", status_code=204)
    def remove_member(room_id: str, member: str, user: User) -> None:
        access.require(room_id, user, Permission.MANAGE)
        access.revoke(room_id, member)

    @app.get("/rooms/{room_id}/activity")
    def activity(room_id: str, user: User) -> ActivityReport:
        access.require(room_id, user, Permission.MANAGE)
        events = audit.for_room(room_id)
        return ActivityReport(
            documents=[
                ActivityOut(
                    name=a.name, reads=a.reads, readers=list(a.readers), last_read_at=a.last_read_at
                )
                for a in document_activity(events)
            ],
            never_read=never_read((info.name for info in store.list(room_id)), events),
        )

    return app
