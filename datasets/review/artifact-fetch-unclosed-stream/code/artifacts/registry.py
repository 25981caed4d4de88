"""Client of our internal artifact registry (HTTP, token auth).

The CI runners share one `httpx.Client` per process, whose connection pool is deliberately small
(`POOL_LIMITS`): the registry caps concurrent connections per runner.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

POOL_LIMITS = httpx.Limits(max_connections=8, max_keepalive_connections=8)
TIMEOUT = httpx.Timeout(10.0, read=60.0)


class RegistryError(Exception):
    pass


@dataclass(frozen=True)
class ArtifactMetadata:
    name: str
    version: str
    sha256: str
    size: int
    yanked: bool


def make_client(base_url: str, token: str) -> httpx.Client:
    return httpx.Client(
        base_url=base_url,
        headers={"Authorization": f"Bearer {token}"},
        limits=POOL_LIMITS,
        timeout=TIMEOUT,
    )


class RegistryClient:
    def __init__(self, http: httpx.Client) -> None:
        self._http = http

    def metadata(self, name: str, version: str) -> ArtifactMetadata | None:
        """The registry's record of an artifact version, or None if it does not exist."""
        response = self._http.get(f"/v1/artifacts/{name}/{version}")
        if response.status_code == 404:
            return None
        if response.is_error:
            raise RegistryError(f"metadata of {name}@{version}: HTTP {response.status_code}")
        body = response.json()
        return ArtifactMetadata(
            name=body["name"],
            version=body["version"],
            sha256=body["sha256"],
            size=int(body["size"]),
            yanked=bool(body.get("yanked", False)),
        )

    def open_download(self, name: str, version: str) -> httpx.Response:
        """Start downloading an artifact's content and return the streaming response.

        Nothing of the body is read yet. The response holds one of the pool's connections until
        it is closed: read it with `iter_bytes()`, then close it.
        """
        request = self._http.build_request("GET", f"/v1/artifacts/{name}/{version}/content")
        return self._http.send(request, stream=True)
