"""Morning download of the acquirer's settlement files.

Each morning the acquirer publishes the previous day's settlement files, one CSV per merchant
account; the big accounts' files run to a few GB and take minutes to stream. The reconciliation
job downloads the files it does not have yet into the landing directory, where the importer
picks them up: a file appears there only once it is complete and its checksum matches.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx

log = logging.getLogger(__name__)

API_TIMEOUT = httpx.Timeout(15.0, connect=5.0)
CHUNK_BYTES = 1 << 20


class DownloadError(Exception):
    pass


@dataclass(frozen=True)
class RemoteFile:
    id: str
    name: str
    size: int
    sha256: str


class SettlementSync:
    def __init__(
        self,
        base_url: str,
        token: str,
        landing_dir: Path,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._landing = landing_dir
        self._client = httpx.Client(
            base_url=base_url,
            headers={"Authorization": f"Bearer {token}"},
            timeout=API_TIMEOUT,
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def available(self, day: date) -> list[RemoteFile]:
        response = self._client.get("/v1/settlement-files", params={"date": day.isoformat()})
        response.raise_for_status()
        return [
            RemoteFile(item["id"], item["name"], int(item["size"]), item["sha256"])
            for item in response.json()["files"]
        ]

    def download(self, remote: RemoteFile) -> Path:
        """Stream one file into the landing directory; returns its path there."""
        if Path(remote.name).name != remote.name or remote.name.startswith("."):
            raise DownloadError(f"unexpected file name {remote.name!r}")
        target = self._landing / remote.name
        partial = target.with_name(target.name + ".part")
        digest = hashlib.sha256()
        url = f"/v1/settlement-files/{remote.id}/content"
        try:
            with self._client.stream("GET", url) as response:
                response.raise_for_status()
                with partial.open("wb") as out:
                    for chunk in response.iter_bytes(CHUNK_BYTES):
                        digest.update(chunk)
                        out.write(chunk)
        except (httpx.HTTPError, OSError) as error:
            partial.unlink(missing_ok=True)
            raise DownloadError(f"{remote.name}: {error}") from error
        if digest.hexdigest() != remote.sha256:
            partial.unlink()
            raise DownloadError(f"{remote.name}: checksum mismatch")
        partial.replace(target)
        log.info("downloaded %s (%d bytes)", remote.name, remote.size)
        return target

    def sync(self, day: date) -> list[Path]:
        """Download the day's files that are not in the landing directory yet."""
        return [
            self.download(remote)
            for remote in self.available(day)
            if not (self._landing / remote.name).exists()
        ]
