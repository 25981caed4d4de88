"""Fetches locked artifacts into the runner's cache, downloading only what is not there yet."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from artifacts.cache import CacheError, ContentCache
from artifacts.lockfile import LockedArtifact
from artifacts.registry import RegistryClient, RegistryError


class ArtifactMissing(Exception):
    pass


class SizeMismatch(Exception):
    pass


@dataclass(frozen=True)
class FetchFailure:
    artifact: LockedArtifact
    reason: str


@dataclass
class FetchReport:
    paths: dict[str, Path] = field(default_factory=dict)
    """Cached file of every artifact that is available, by label."""
    downloaded: int = 0
    failures: list[FetchFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


class Fetcher:
    def __init__(self, registry: RegistryClient, cache: ContentCache) -> None:
        self._registry = registry
        self._cache = cache

    def fetch(self, artifact: LockedArtifact) -> Path:
        """The cached file of the artifact, downloaded and verified first if needed."""
        if self._cache.has(artifact.sha256):
            return self._cache.path_for(artifact.sha256)
        response = self._registry.open_download(artifact.name, artifact.version)
        if response.status_code == 404:
            raise ArtifactMissing(f"{artifact.label} is not in the registry")
        if response.is_error:
            raise RegistryError(f"download of {artifact.label}: HTTP {response.status_code}")
        declared = response.headers.get("content-length")
        if declared is not None and declared != str(artifact.size):
            raise SizeMismatch(
                f"{artifact.label}: the registry serves {declared} bytes, "
                f"the lockfile expects {artifact.size}"
            )
        return self._cache.store(artifact.sha256, response.iter_bytes(), artifact.size)

    def fetch_all(self, artifacts: Iterable[LockedArtifact]) -> FetchReport:
        """Fetch every artifact; a failure is reported and does not stop the others."""
        report = FetchReport()
        for artifact in artifacts:
            was_cached = self._cache.has(artifact.sha256)
            try:
                path = self.fetch(artifact)
            except (ArtifactMissing, SizeMismatch, RegistryError, CacheError) as exc:
                report.failures.append(FetchFailure(artifact, str(exc)))
                continue
            except httpx.TransportError as exc:
                report.failures.append(FetchFailure(artifact, f"network error: {exc}"))
                continue
            report.paths[artifact.label] = path
            if not was_cached:
                report.downloaded += 1
        return report
