"""Settings of the link-preview service, read once at start-up from the environment."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def _networks(listed: str) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(item.strip()) for item in listed.split(",") if item.strip())


@dataclass(frozen=True)
class PreviewSettings:
    user_agent: str = "ChatPreviewBot/2.1 (+https://chat.example.com/bot)"
    timeout_seconds: float = 4.0
    max_redirects: int = 4
    max_body_bytes: int = 512 * 1024
    max_links_per_message: int = 3
    cache_ttl_seconds: float = 3600.0
    max_cached_links: int = 20_000
    allowed_ports: frozenset[int] = frozenset({80, 443})
    blocked_networks: tuple[IPNetwork, ...] = field(default_factory=tuple)
    """Public ranges to refuse as well, such as our own load balancers' addresses."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> PreviewSettings:
        defaults = cls()
        ports = env.get("PREVIEW_ALLOWED_PORTS")
        return cls(
            user_agent=env.get("PREVIEW_USER_AGENT", defaults.user_agent),
            timeout_seconds=float(env.get("PREVIEW_TIMEOUT_SECONDS", defaults.timeout_seconds)),
            max_redirects=int(env.get("PREVIEW_MAX_REDIRECTS", defaults.max_redirects)),
            max_body_bytes=int(env.get("PREVIEW_MAX_BODY_BYTES", defaults.max_body_bytes)),
            max_links_per_message=int(
                env.get("PREVIEW_MAX_LINKS_PER_MESSAGE", defaults.max_links_per_message)
            ),
            cache_ttl_seconds=float(
                env.get("PREVIEW_CACHE_TTL_SECONDS", defaults.cache_ttl_seconds)
            ),
            max_cached_links=int(env.get("PREVIEW_MAX_CACHED_LINKS", defaults.max_cached_links)),
            allowed_ports=(
                frozenset(int(p) for p in ports.split(",")) if ports else defaults.allowed_ports
            ),
            blocked_networks=_networks(env.get("PREVIEW_BLOCKED_NETWORKS", "")),
        )
