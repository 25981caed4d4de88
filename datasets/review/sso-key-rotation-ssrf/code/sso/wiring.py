"""How the API server and the worker build the SSO services."""

from __future__ import annotations

import httpx

from sso.connections import ConnectionRepository, SsoConnectionService
from sso.egress import OutboundPolicy, Resolver, system_resolver
from sso.http_json import FETCH_TIMEOUT
from sso.rotation import KeyRotation

USER_AGENT = "acme-sso/3.4"


def idp_client(transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """The client for requests to tenants' IdPs; `transport` is for tests."""
    return httpx.Client(
        transport=transport,
        timeout=FETCH_TIMEOUT,
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT},
    )


def connection_service(
    repository: ConnectionRepository,
    resolve: Resolver = system_resolver,
    transport: httpx.BaseTransport | None = None,
) -> SsoConnectionService:
    return SsoConnectionService(repository, idp_client(transport), OutboundPolicy(resolve))


def key_rotation(
    repository: ConnectionRepository, transport: httpx.BaseTransport | None = None
) -> KeyRotation:
    return KeyRotation(repository, idp_client(transport))
