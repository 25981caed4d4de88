"""Tenants' single sign-on connections: set up by a tenant admin in the admin console."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

import httpx

from sso.discovery import (
    DiscoveryError,
    ProviderMetadata,
    discovery_url,
    fetch_provider_metadata,
    normalise_issuer,
)
from sso.egress import EgressDenied, OutboundPolicy
from sso.keys import KeySet, KeySetError, fetch_key_set


class SsoConfigError(Exception):
    """The connection cannot be set up; the message is shown to the tenant admin."""


@dataclass(frozen=True)
class SsoConnection:
    tenant_id: str
    client_id: str
    metadata: ProviderMetadata
    keys: KeySet
    keys_fetched_at: datetime
    enabled: bool = True
    last_refresh_error: str | None = None


class ConnectionRepository(Protocol):
    def get(self, tenant_id: str) -> SsoConnection | None: ...

    def save(self, connection: SsoConnection) -> None: ...

    def enabled_connections(self) -> list[SsoConnection]: ...


class InMemoryConnections:
    def __init__(self) -> None:
        self._by_tenant: dict[str, SsoConnection] = {}

    def get(self, tenant_id: str) -> SsoConnection | None:
        return self._by_tenant.get(tenant_id)

    def save(self, connection: SsoConnection) -> None:
        self._by_tenant[connection.tenant_id] = connection

    def enabled_connections(self) -> list[SsoConnection]:
        return [c for c in self._by_tenant.values() if c.enabled]


class SsoConnectionService:
    def __init__(
        self, repository: ConnectionRepository, http: httpx.Client, policy: OutboundPolicy
    ) -> None:
        self._repository = repository
        self._http = http
        self._policy = policy

    def configure(
        self, tenant_id: str, issuer: str, client_id: str, now: datetime
    ) -> SsoConnection:
        """Check the tenant's IdP end to end, then save (or replace) the tenant's connection."""
        if not client_id.strip():
            raise SsoConfigError("the client ID is required")
        try:
            issuer = normalise_issuer(issuer)
            self._policy.check(discovery_url(issuer))
            metadata = fetch_provider_metadata(self._http, issuer)
            self._policy.check(metadata.jwks_uri)
            keys = fetch_key_set(self._http, metadata.jwks_uri)
        except (EgressDenied, DiscoveryError, KeySetError) as exc:
            raise SsoConfigError(str(exc)) from exc
        connection = SsoConnection(tenant_id, client_id.strip(), metadata, keys, now)
        self._repository.save(connection)
        return connection

    def disable(self, tenant_id: str) -> None:
        connection = self._repository.get(tenant_id)
        if connection is not None:
            self._repository.save(replace(connection, enabled=False))
