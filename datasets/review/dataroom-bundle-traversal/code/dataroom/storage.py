"""Documents of the virtual data rooms, stored on the documents volume.

Each room is a folder under the root, named by the room's slug; documents may sit in subfolders
of it ("financials/2024-q3.xlsx"). Document names come from users, so every access by name goes
through `_document_path`, which refuses names that resolve outside the room's folder.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

ROOM_ID = re.compile(r"[a-z0-9][a-z0-9-]{1,62}")
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


class StorageError(Exception):
    pass


class InvalidRoom(StorageError):
    pass


class ForbiddenPath(StorageError):
    pass


class DocumentNotFound(StorageError):
    pass


@dataclass(frozen=True)
class DocumentInfo:
    name: str
    size: int
    modified_at: datetime


class DocumentStore:
    def __init__(self, root: Path) -> None:
        self._root = root.resolve()

    def room_dir(self, room_id: str) -> Path:
        """The folder holding a room's documents (it may not exist yet)."""
        if not ROOM_ID.fullmatch(room_id):
            raise InvalidRoom(f"invalid room id {room_id!r}")
        return self._root / room_id

    def _document_path(self, room_id: str, name: str) -> Path:
        room = self.room_dir(room_id)
        path = (room / name).resolve()
        if path == room or not path.is_relative_to(room):
            raise ForbiddenPath(f"{name!r} is not a document of room {room_id}")
        return path

    def save(self, room_id: str, name: str, content: bytes) -> DocumentInfo:
        """Store a document, replacing any previous version atomically."""
        if len(content) > MAX_DOCUMENT_BYTES:
            raise StorageError(f"{name!r} is larger than {MAX_DOCUMENT_BYTES} bytes")
        path = self._document_path(room_id, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as tmp:
                tmp.write(content)
            os.replace(tmp_name, path)
        except BaseException:
            os.unlink(tmp_name)
            raise
        return self._info(room_id, path)

    def open_for_read(self, room_id: str, name: str) -> BinaryIO:
        """An open binary file of the document; the caller closes it."""
        path = self._document_path(room_id, name)
        if not path.is_file():
            raise DocumentNotFound(f"room {room_id} has no document {name!r}")
        return path.open("rb")

    def info(self, room_id: str, name: str) -> DocumentInfo:
        path = self._document_path(room_id, name)
        if not path.is_file():
            raise DocumentNotFound(f"room {room_id} has no document {name!r}")
        return self._info(room_id, path)

    def list(self, room_id: str) -> list[DocumentInfo]:
        room = self.room_dir(room_id)
        if not room.is_dir():
            return []
        return [
            self._info(room_id, path)
            for path in sorted(room.rglob("*"))
            if path.is_file() and not path.name.startswith(".upload-")
        ]

    def delete(self, room_id: str, name: str) -> None:
        path = self._document_path(room_id, name)
        try:
            path.unlink()
        except FileNotFoundError:
            raise DocumentNotFound(f"room {room_id} has no document {name!r}") from None

    def _info(self, room_id: str, path: Path) -> DocumentInfo:
        stat = path.stat()
        return DocumentInfo(
            name=path.relative_to(self.room_dir(room_id)).as_posix(),
            size=stat.st_size,
            modified_at=datetime.fromtimestamp(stat.st_mtime, tz=timezone.utc),
        )
