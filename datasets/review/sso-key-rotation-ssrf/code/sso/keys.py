"""An identity provider's signing keys, from its JWKS document (RFC 7517)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from sso.http_json import DocumentError, get_json_object

_KEY_TYPES = {"RSA": ("n", "e"), "EC": ("crv", "x", "y")}


class KeySetError(Exception):
    """The JWKS document could not be fetched or holds no usable signing key."""


@dataclass(frozen=True)
class SigningKey:
    kid: str
    kty: str
    alg: str | None
    parameters: tuple[tuple[str, str], ...]
    """The public parameters of the key type (n and e for RSA; crv, x and y for EC)."""


@dataclass(frozen=True)
class KeySet:
    keys: tuple[SigningKey, ...]

    def __iter__(self) -> Iterator[SigningKey]:
        return iter(self.keys)

    def find(self, kid: str) -> SigningKey | None:
        return next((key for key in self.keys if key.kid == kid), None)


def fetch_key_set(http: httpx.Client, jwks_uri: str) -> KeySet:
    try:
        document = get_json_object(http, jwks_uri)
    except DocumentError as exc:
        raise KeySetError(str(exc)) from exc
    return parse_key_set(document)


def parse_key_set(document: dict[str, Any]) -> KeySet:
    entries = document.get("keys")
    if not isinstance(entries, list):
        raise KeySetError("the JWKS document has no 'keys' list")
    keys = tuple(key for key in (_signing_key(entry) for entry in entries) if key is not None)
    if not keys:
        raise KeySetError("the JWKS document holds no usable signing key")
    return KeySet(keys)


def _signing_key(entry: object) -> SigningKey | None:
    """A public signing key of a supported type, or None for anything else (skipped)."""
    if not isinstance(entry, dict) or entry.get("use", "sig") != "sig":
        return None
    kid, kty = entry.get("kid"), entry.get("kty")
    if not isinstance(kid, str) or kty not in _KEY_TYPES or "d" in entry:
        return None
    names = _KEY_TYPES[kty]
    if not all(isinstance(entry.get(name), str) for name in names):
        return None
    alg = entry.get("alg")
    return SigningKey(kid, kty, alg if isinstance(alg, str) else None,
                      tuple((name, entry[name]) for name in names))  # fmt: skip
