"""Signed, expiring download links for finished data exports.

The link is emailed to the user who asked for the export, so it must work without a session:
`/exports/<id>/download?expires=<unix seconds>&signature=<hex hmac-sha256>`.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Response

LINK_LIFETIME_SECONDS = 24 * 3600


class InvalidLink(Exception):
    pass


class LinkExpired(InvalidLink):
    pass


@dataclass(frozen=True)
class FinishedExport:
    id: str
    filename: str
    content: bytes


class LinkSigner:
    def __init__(
        self,
        secret: bytes,
        clock: Callable[[], float] = time.time,
        lifetime_seconds: int = LINK_LIFETIME_SECONDS,
    ) -> None:
        if len(secret) < 32:
            raise ValueError("the link signing secret must be at least 32 bytes")
        self._secret = secret
        self._clock = clock
        self._lifetime_seconds = lifetime_seconds

    def _signature(self, export_id: str, expires: int) -> str:
        message = f"{export_id}\n{expires}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def link(self, base_url: str, export_id: str) -> str:
        expires = int(self._clock()) + self._lifetime_seconds
        query = urlencode({"expires": expires, "signature": self._signature(export_id, expires)})
        return f"{base_url}/exports/{export_id}/download?{query}"

    def verify(self, export_id: str, expires: int, signature: str) -> None:
        """Raise InvalidLink unless the link was signed by us for this export and is unexpired."""
        if signature != self._signature(export_id, expires):
            raise InvalidLink("bad signature")
        if expires <= self._clock():
            raise LinkExpired("link expired")


def create_app(signer: LinkSigner, exports: dict[str, FinishedExport]) -> FastAPI:
    app = FastAPI()

    @app.get("/exports/{export_id}/download")
    def download(export_id: str, expires: int, signature: str) -> Response:
        try:
            signer.verify(export_id, expires, signature)
        except LinkExpired as exc:
            raise HTTPException(status_code=410, detail="this download link has expired") from exc
        except InvalidLink as exc:
            raise HTTPException(status_code=403, detail="invalid download link") from exc
        export = exports.get(export_id)
        if export is None:
            raise HTTPException(status_code=404, detail="export not found")
        return Response(
            export.content,
            media_type="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{export.filename}"'},
        )

    return app
