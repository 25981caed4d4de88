"""HTTP routes for attachments; the caller's identity comes from the auth gateway header."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Header, HTTPException, Response

from attachments.storage import AttachmentNotFound, AttachmentStore, ForbiddenPath


def create_app(root: Path) -> FastAPI:
    store = AttachmentStore(root)
    app = FastAPI()

    @app.get("/attachments/{name:path}")
    def download(name: str, x_user: str = Header()) -> Response:
        try:
            content = store.read(x_user, name)
        except AttachmentNotFound as exc:
            raise HTTPException(status_code=404, detail=str(exc)) from exc
        except ForbiddenPath as exc:
            raise HTTPException(status_code=403, detail=str(exc)) from exc
        return Response(content, media_type="application/octet-stream")

    @app.get("/attachments")
    def list_attachments(x_user: str = Header()) -> list[dict[str, object]]:
        return [{"name": a.name, "size": a.size} for a in store.list(x_user)]

    return app
