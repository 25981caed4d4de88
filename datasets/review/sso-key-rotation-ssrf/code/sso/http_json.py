"""GET a small JSON document: no redirects, bounded time and size."""

from __future__ import annotations

import json
from typing import Any

import httpx

FETCH_TIMEOUT = httpx.Timeout(5.0)
MAX_DOCUMENT_BYTES = 256 * 1024
_JSON_TYPES = ("application/json", "application/jwk-set+json")


class DocumentError(Exception):
    """The document could not be fetched, or is not the JSON object it should be."""


def get_json_object(http: httpx.Client, url: str) -> dict[str, Any]:
    try:
        with http.stream(
            "GET", url, headers={"Accept": "application/json"},
            timeout=FETCH_TIMEOUT, follow_redirects=False,
        ) as response:  # fmt: skip
            if response.status_code != 200:
                raise DocumentError(f"{url} answered HTTP {response.status_code}")
            media_type = response.headers.get("Content-Type", "").split(";")[0].strip()
            if media_type not in _JSON_TYPES:
                raise DocumentError(f"{url} did not answer JSON ({media_type or 'no type'})")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_DOCUMENT_BYTES:
                    raise DocumentError(f"{url} answered more than {MAX_DOCUMENT_BYTES} bytes")
    except httpx.HTTPError as exc:
        raise DocumentError(f"{url} could not be fetched: {exc}") from exc
    try:
        document = json.loads(body)
    except ValueError as exc:
        raise DocumentError(f"{url} answered malformed JSON") from exc
    if not isinstance(document, dict):
        raise DocumentError(f"{url} did not answer a JSON object")
    return document
