"""Content-addressed artifact cache on the runner's local disk, shared by every job on it.

A file is stored under its sha256 (`ab/abcdef...`) and only ever appears there complete and
verified: it is written to a temporary file in the same folder and renamed into place.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class CacheError(Exception):
    pass


class ChecksumMismatch(CacheError):
    pass


class TooLarge(CacheError):
    pass


class ContentCache:
    def __init__(self, root: Path) -> None:
        self._root = root

    def path_for(self, sha256: str) -> Path:
        return self._root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def store(self, sha256: str, chunks: Iterable[bytes], max_bytes: int) -> Path:
        """Write the chunks under `sha256` if they hash to it; returns the cached file.

        Raises TooLarge as soon as more than `max_bytes` arrive, ChecksumMismatch if the
        content does not hash to `sha256`; in both cases nothing is left in the cache.
        """
        target = self.path_for(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".partial-")
        try:
            digest = hashlib.sha256()
            received = 0
            with os.fdopen(fd, "wb") as tmp:
                for chunk in chunks:
                    received += len(chunk)
                    if received > max_bytes:
                        raise TooLarge(f"{sha256}: more than the expected {max_bytes} bytes")
                    digest.update(chunk)
                    tmp.write(chunk)
            if digest.hexdigest() != sha256:
                raise ChecksumMismatch(f"expected sha256 {sha256}, got {digest.hexdigest()}")
            os.replace(tmp_name, target)
        except BaseException:
            os.unlink(tmp_name)
            raise
        return target

    def evict(self, sha256: str) -> bool:
        try:
            self.path_for(sha256).unlink()
        except FileNotFoundError:
            return False
        return True

    def size_on_disk(self) -> int:
        return sum(p.stat().st_size for p in self._root.rglob("*") if p.is_file())
