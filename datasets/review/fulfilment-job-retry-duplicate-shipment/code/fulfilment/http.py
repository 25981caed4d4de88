"""HTTP plumbing shared by the service clients."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from fulfilment.errors import PermanentError, TransientError

USER_AGENT = "fulfilment-worker/2.3"
DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=3.0)


def make_client(
    base_url: str, token: str, *, transport: httpx.BaseTransport | None = None
) -> httpx.Client:
    return httpx.Client(
        base_url=base_url,
        headers={"Authorization": f"Bearer {token}", "User-Agent": USER_AGENT},
        timeout=DEFAULT_TIMEOUT,
        transport=transport,
    )


def send(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    json: object = None,
    headers: Mapping[str, str] | None = None,
) -> httpx.Response:
    """Send one request. Transport failures, 429 and 5xx raise TransientError; any other
    error status raises PermanentError."""
    try:
        response = client.request(method, url, json=json, headers=headers)
    except httpx.TransportError as error:
        raise TransientError(f"{method} {url}: {error!r}") from error
    if response.status_code == 429 or response.status_code >= 500:
        raise TransientError(f"{method} {url}: HTTP {response.status_code}")
    if response.is_error:
        detail = response.text[:200]
        raise PermanentError(f"{method} {url}: HTTP {response.status_code} {detail}")
    return response
