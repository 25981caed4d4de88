"""Outbound requests to identity providers that tenants configure themselves.

A tenant admin types the issuer URL of their IdP, and that IdP's discovery document then names
further URLs (its `jwks_uri`). All of them are chosen by the tenant, and our API servers and
workers run inside the VPC, so each such URL is checked with `OutboundPolicy.check` right before
it is requested: HTTPS only, on the standard port, to a host whose addresses are all public.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence

import httpx

Resolver = Callable[[str, int], Sequence[str]]
ALLOWED_PORTS = frozenset({443})


class EgressDenied(Exception):
    """The URL must not be requested from inside our network."""


def system_resolver(host: str, port: int) -> list[str]:
    try:
        return [str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]
    except socket.gaierror as exc:
        raise EgressDenied(f"{host} does not resolve") from exc


class OutboundPolicy:
    def __init__(self, resolve: Resolver = system_resolver) -> None:
        self._resolve = resolve

    def check(self, url: str) -> None:
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise EgressDenied(f"not a URL: {url!r}") from exc
        if parsed.scheme != "https" or not parsed.host:
            raise EgressDenied(f"only https URLs are allowed: {url!r}")
        if parsed.userinfo:
            raise EgressDenied("URLs with credentials are not allowed")
        port = parsed.port or 443
        if port not in ALLOWED_PORTS:
            raise EgressDenied(f"port {port} is not allowed")
        addresses = self._resolve(parsed.host, port)
        if not addresses:
            raise EgressDenied(f"{parsed.host} does not resolve")
        for address in addresses:
            if not _is_public(ipaddress.ip_address(address)):
                raise EgressDenied(f"{parsed.host} resolves to a non-public address")


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_global
    return address.is_global
