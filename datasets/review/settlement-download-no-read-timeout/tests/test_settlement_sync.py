import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from settlements.sync import DownloadError, SettlementSync

CONTENT = b"merchant,amount_cents,currency\nm-1,1250,EUR\nm-2,990,EUR\n"


class StallingStream(httpx.SyncByteStream):
    """Sends the first chunk, then nothing more: the acquirer's server stopped mid-file.

    A transport with a read timeout gives up with ReadTimeout; without one it waits forever.
    """

    def __init__(self, request: httpx.Request) -> None:
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        yield CONTENT[:20]
        timeout = self._request.extensions.get("timeout", {})
        if timeout.get("read") is None:
            pytest.fail("the server stopped sending and nothing times out: the job hangs")
        raise httpx.ReadTimeout("timed out waiting for data", request=self._request)


class FakeAcquirer:
    def __init__(self, stall: bool = False, corrupt: bool = False) -> None:
        self.stall = stall
        self.corrupt = corrupt
        self.downloads: list[str] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        assert request.headers["Authorization"] == "Bearer tok"
        if request.url.path == "/v1/settlement-files":
            assert request.url.params["date"] == "2025-06-01"
            return httpx.Response(200, json={"files": [{
                "id": "f1", "name": "m-1_2025-06-01.csv", "size": len(CONTENT),
                "sha256": hashlib.sha256(CONTENT).hexdigest(),
            }]})  # fmt: skip
        self.downloads.append(request.url.path)
        if self.stall:
            return httpx.Response(200, stream=StallingStream(request))
        return httpx.Response(200, content=CONTENT + (b"x" if self.corrupt else b""))


def make_sync(acquirer: FakeAcquirer, landing: Path) -> SettlementSync:
    return SettlementSync(
        "https://acquirer.test", "tok", landing, transport=httpx.MockTransport(acquirer.handle)
    )


def test_new_files_are_downloaded_once(tmp_path: Path) -> None:
    acquirer = FakeAcquirer()
    sync = make_sync(acquirer, tmp_path)
    [path] = sync.sync(date(2025, 6, 1))
    assert path.read_bytes() == CONTENT
    assert sync.sync(date(2025, 6, 1)) == []
    assert acquirer.downloads == ["/v1/settlement-files/f1/content"]


def test_a_stalled_download_fails_instead_of_hanging(tmp_path: Path) -> None:
    sync = make_sync(FakeAcquirer(stall=True), tmp_path)
    with pytest.raises(DownloadError):
        sync.sync(date(2025, 6, 1))
    assert list(tmp_path.iterdir()) == [], "a partial file was left behind"


def test_a_corrupt_download_is_discarded(tmp_path: Path) -> None:
    sync = make_sync(FakeAcquirer(corrupt=True), tmp_path)
    with pytest.raises(DownloadError, match="checksum"):
        sync.sync(date(2025, 6, 1))
    assert list(tmp_path.iterdir()) == []
