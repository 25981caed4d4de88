"""Zip bundles: a bidder ticks the documents they want and downloads them in one file."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from dataroom.access import Permission, RoomAccess
from dataroom.audit import AuditEvent, AuditLog
from dataroom.storage import DocumentStore

MAX_BUNDLE_DOCUMENTS = 200
MAX_BUNDLE_BYTES = 100 * 1024 * 1024


class BundleError(Exception):
    pass


@dataclass(frozen=True)
class Bundle:
    filename: str
    content: bytes
    documents: tuple[str, ...]


def _unique(names: Sequence[str]) -> list[str]:
    """The names in the order given, without duplicates (a zip must not repeat an entry)."""
    return list(dict.fromkeys(name.strip() for name in names if name.strip()))


class BundleBuilder:
    def __init__(
        self,
        store: DocumentStore,
        access: RoomAccess,
        audit: AuditLog,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        self._store = store
        self._access = access
        self._audit = audit
        self._clock = clock

    def build(self, room_id: str, user: str, names: Sequence[str]) -> Bundle:
        self._access.require(room_id, user, Permission.READ)
        wanted = _unique(names)
        if not wanted:
            raise BundleError("select at least one document")
        if len(wanted) > MAX_BUNDLE_DOCUMENTS:
            raise BundleError(f"a bundle holds at most {MAX_BUNDLE_DOCUMENTS} documents")
        # Looked up through the store, which refuses names that resolve outside the room.
        documents = [self._store.info(room_id, name) for name in wanted]
        total = sum(document.size for document in documents)
        if total > MAX_BUNDLE_BYTES:
            raise BundleError(f"the selection is {total} bytes, the limit is {MAX_BUNDLE_BYTES}")

        now = self._clock()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for document in documents:
                with (
                    self._store.open_for_read(room_id, document.name) as source,
                    archive.open(document.name, "w") as target,
                ):
                    shutil.copyfileobj(source, target)
            archive.comment = f"{room_id} exported by {user} at {now.isoformat()}".encode()
        self._audit.record(AuditEvent(now, user, room_id, "bundle", tuple(wanted)))
        return Bundle(
            filename=f"{room_id}-{now:%Y%m%d-%H%M%S}.zip",
            content=buffer.getvalue(),
            documents=tuple(wanted),
        )
