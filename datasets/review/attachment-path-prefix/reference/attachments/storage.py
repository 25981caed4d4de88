"""Per-user attachment storage on the local filesystem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


class AttachmentError(Exception):
    """Base class for attachment failures."""


class AttachmentNotFound(AttachmentError):
    pass


class ForbiddenPath(AttachmentError):
    pass


@dataclass(frozen=True)
class StoredAttachment:
    owner: str
    name: str
    size: int


class AttachmentStore:
    def __init__(self, root: Path) -> None:
        self._root = root.resolve()

    def _user_dir(self, owner: str) -> Path:
        return self._root / owner

    def _resolve(self, owner: str, name: str) -> Path:
        user_dir = self._user_dir(owner)
        candidate = (user_dir / name).resolve()
        if not candidate.is_relative_to(user_dir):
            raise ForbiddenPath(f"{name!r} escapes the attachment directory of {owner!r}")
        return candidate

    def save(self, owner: str, name: str, content: bytes) -> StoredAttachment:
        if len(content) > MAX_ATTACHMENT_BYTES:
            raise AttachmentError(f"{name!r} is larger than {MAX_ATTACHMENT_BYTES} bytes")
        path = self._resolve(owner, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return StoredAttachment(owner, name, len(content))

    def read(self, owner: str, name: str) -> bytes:
        path = self._resolve(owner, name)
        if not path.is_file():
            raise AttachmentNotFound(f"{owner!r} has no attachment {name!r}")
        return path.read_bytes()

    def list(self, owner: str) -> list[StoredAttachment]:
        user_dir = self._user_dir(owner)
        if not user_dir.is_dir():
            return []
        return [
            StoredAttachment(owner, str(p.relative_to(user_dir)), p.stat().st_size)
            for p in sorted(user_dir.rglob("*"))
            if p.is_file()
        ]
