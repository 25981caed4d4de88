import hashlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from artifacts.cache import ContentCache
from artifacts.fetcher import Fetcher
from artifacts.lockfile import LockedArtifact
from artifacts.registry import RegistryClient
from artifacts.sync import run


class TrackedBody(httpx.SyncByteStream):
    """A response body standing for a pooled connection: it is released when closed."""

    def __init__(self, content: bytes) -> None:
        self.content = content
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        for start in range(0, len(self.content), 1024):
            yield self.content[start : start + 1024]

    def close(self) -> None:
        self.closed = True


class FakeRegistry:
    def __init__(self, files: dict[str, bytes], missing: frozenset[str] = frozenset()) -> None:
        self.files = files
        self.missing = set(missing)
        self.bodies: list[TrackedBody] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        _, _, name, version, _ = request.url.path.strip("/").split("/")
        label = f"{name}@{version}"
        if label in self.missing:
            body = TrackedBody(b'{"error": "not found"}')
            status = 404
        elif label == "flaky@1":
            body = TrackedBody(b"upstream unavailable")
            status = 503
        else:
            body = TrackedBody(self.files[label])
            status = 200
        self.bodies.append(body)
        return httpx.Response(
            status, stream=body, headers={"content-length": str(len(body.content))}
        )

    def open_connections(self) -> int:
        return sum(1 for body in self.bodies if not body.closed)


def locked(name: str, version: str, content: bytes, size: int | None = None) -> LockedArtifact:
    digest = hashlib.sha256(content).hexdigest()
    return LockedArtifact(name, version, digest, len(content) if size is None else size)


PROTOC = b"protoc binary " * 500
NODE = b"node tarball " * 800


@pytest.fixture
def registry() -> FakeRegistry:
    return FakeRegistry({"protoc@25.1": PROTOC, "node@20.11.0": NODE}, missing={"gone@0.1"})


def fetcher(registry: FakeRegistry, cache_root: Path) -> Fetcher:
    http = httpx.Client(base_url="https://registry.test", transport=httpx.MockTransport(registry.handle))
    return Fetcher(RegistryClient(http), ContentCache(cache_root))


def test_downloads_verifies_and_then_serves_from_cache(
    registry: FakeRegistry, tmp_path: Path
) -> None:
    artifacts = [locked("protoc", "25.1", PROTOC), locked("node", "20.11.0", NODE)]
    first = fetcher(registry, tmp_path).fetch_all(artifacts)
    assert first.ok and first.downloaded == 2
    assert first.paths["protoc@25.1"].read_bytes() == PROTOC
    second = fetcher(registry, tmp_path).fetch_all(artifacts)
    assert second.ok and second.downloaded == 0
    assert len(registry.bodies) == 2
    assert registry.open_connections() == 0


def test_corrupt_download_is_not_cached(registry: FakeRegistry, tmp_path: Path) -> None:
    wrong = LockedArtifact("protoc", "25.1", hashlib.sha256(b"other").hexdigest(), len(PROTOC))
    report = fetcher(registry, tmp_path).fetch_all([wrong])
    assert not report.ok and "sha256" in report.failures[0].reason
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_failed_downloads_release_their_connections(
    registry: FakeRegistry, tmp_path: Path
) -> None:
    artifacts = [
        locked("gone", "0.1", b""),
        locked("flaky", "1", b""),
        locked("node", "20.11.0", NODE, size=len(NODE) - 1),
        locked("protoc", "25.1", PROTOC),
    ]
    report = fetcher(registry, tmp_path).fetch_all(artifacts)
    assert [f.artifact.name for f in report.failures] == ["gone", "flaky", "node"]
    assert list(report.paths) == ["protoc@25.1"]
    assert registry.open_connections() == 0, (
        f"{registry.open_connections()} responses left open after failed downloads"
    )


def test_sync_links_artifacts_and_reports_failures(
    registry: FakeRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lockfile = tmp_path / "artifacts.lock"
    protoc = locked("protoc", "25.1", PROTOC)
    lockfile.write_text(
        f'[[artifact]]\nname = "protoc"\nversion = "25.1"\nsha256 = "{protoc.sha256}"\n'
        f"size = {protoc.size}\n\n"
        f'[[artifact]]\nname = "gone"\nversion = "0.1"\nsha256 = "{"0" * 64}"\nsize = 3\n'
    )
    workspace = tmp_path / "job"
    workspace.mkdir()
    http = httpx.Client(base_url="https://registry.test", transport=httpx.MockTransport(registry.handle))
    assert run(lockfile, tmp_path / "cache", workspace, RegistryClient(http)) == 1
    assert (workspace / ".artifacts" / "protoc").read_bytes() == PROTOC
    assert "FAILED gone@0.1" in capsys.readouterr().err
    assert registry.open_connections() == 0
