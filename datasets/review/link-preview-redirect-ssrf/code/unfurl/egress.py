"""Which destinations the preview bot may connect to.

Chat messages are written by anyone in a workspace, including guests, so a link in a message is
attacker-controlled. The bot runs inside our VPC: without this check a message linking to
``http://169.254.169.254/`` or ``http://10.0.3.12:8500/`` would have the bot fetch the cloud
metadata service or Consul and post the answer back into the channel as a preview.

`EgressGuard.check` must pass for every URL the bot requests.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence

import httpx

from unfurl.settings import PreviewSettings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]
"""(host, port) -> the addresses a connection to it may reach."""

_DEFAULT_PORTS = {"http": 80, "https": 443}


class BlockedDestination(Exception):
    """The URL points somewhere the bot must not connect to."""


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise BlockedDestination(f"{host} does not resolve") from exc
    return [str(info[4][0]) for info in infos]


class EgressGuard:
    def __init__(self, settings: PreviewSettings, resolve: Resolver = system_resolver) -> None:
        self._settings = settings
        self._resolve = resolve

    def check(self, url: httpx.URL) -> None:
        """Raise BlockedDestination unless `url` is http(s) to an allowed port of a host whose
        every address is public and not blocked."""
        if url.scheme not in _DEFAULT_PORTS:
            raise BlockedDestination(f"scheme {url.scheme!r} is not fetched")
        if not url.host:
            raise BlockedDestination("URL has no host")
        port = url.port or _DEFAULT_PORTS[url.scheme]
        if port not in self._settings.allowed_ports:
            raise BlockedDestination(f"port {port} is not fetched")
        addresses = [ipaddress.ip_address(a) for a in self._resolve(url.host, port)]
        if not addresses:
            raise BlockedDestination(f"{url.host} does not resolve")
        for address in addresses:
            if not self._allowed(address):
                raise BlockedDestination(f"{url.host} resolves to a non-public address")

    def _allowed(self, address: IPAddress) -> bool:
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if not address.is_global:
            return False
        return not any(address in network for network in self._settings.blocked_networks)
