"""OpenID Connect discovery: what an issuer's `/.well-known/openid-configuration` says."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from sso.http_json import DocumentError, get_json_object

SUPPORTED_SIGNING_ALGORITHMS = frozenset({"RS256", "ES256"})


class DiscoveryError(Exception):
    """The issuer's discovery document is missing, malformed or unusable for us."""


@dataclass(frozen=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    signing_algorithms: frozenset[str]


def normalise_issuer(raw: str) -> str:
    """An issuer is an https URL without query or fragment; kept as given otherwise, since the
    discovery document must repeat it exactly."""
    issuer = raw.strip()
    try:
        url = httpx.URL(issuer)
    except httpx.InvalidURL as exc:
        raise DiscoveryError(f"issuer is not a URL: {raw!r}") from exc
    if url.scheme != "https" or not url.host or url.query or url.fragment:
        raise DiscoveryError("the issuer must be an https URL without query or fragment")
    return issuer


def discovery_url(issuer: str) -> str:
    return issuer.rstrip("/") + "/.well-known/openid-configuration"


def fetch_provider_metadata(http: httpx.Client, issuer: str) -> ProviderMetadata:
    try:
        document = get_json_object(http, discovery_url(issuer))
    except DocumentError as exc:
        raise DiscoveryError(str(exc)) from exc
    return parse_provider_metadata(document, issuer)


def parse_provider_metadata(document: dict[str, Any], issuer: str) -> ProviderMetadata:
    if document.get("issuer") != issuer:
        raise DiscoveryError(f"the document is for issuer {document.get('issuer')!r}")
    endpoints = {}
    for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        value = document.get(name)
        if not isinstance(value, str) or not value.startswith("https://"):
            raise DiscoveryError(f"{name} must be an https URL")
        endpoints[name] = value
    response_types = document.get("response_types_supported", [])
    if not isinstance(response_types, list) or "code" not in response_types:
        raise DiscoveryError("the provider does not support the authorization code flow")
    algorithms = document.get("id_token_signing_alg_values_supported", [])
    if not isinstance(algorithms, list):
        raise DiscoveryError("id_token_signing_alg_values_supported must be a list")
    usable = SUPPORTED_SIGNING_ALGORITHMS.intersection(a for a in algorithms if isinstance(a, str))
    if not usable:
        raise DiscoveryError("the provider signs ID tokens with no algorithm we support")
    return ProviderMetadata(issuer, signing_algorithms=frozenset(usable), **endpoints)
