"""Signing-key rotation: the worker's periodic job that keeps each connection's keys current.

IdPs rotate their signing keys and announce new ones in their JWKS document (and may move the
document itself, so the discovery document is read again). A refresh that fails keeps the keys
we have and records the error, which the admin console shows to the tenant admin; the login
flow reads keys only from the repository, so logins keep working meanwhile.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import httpx

from sso.connections import ConnectionRepository, SsoConnection
from sso.discovery import DiscoveryError, fetch_provider_metadata
from sso.keys import KeySetError, fetch_key_set

log = logging.getLogger(__name__)

REFRESH_INTERVAL = timedelta(hours=6)


@dataclass(frozen=True)
class RotationReport:
    refreshed: int
    failed: int


class KeyRotation:
    def __init__(
        self,
        repository: ConnectionRepository,
        http: httpx.Client,
        interval: timedelta = REFRESH_INTERVAL,
    ) -> None:
        self._repository = repository
        self._http = http
        self._interval = interval

    def refresh_due(self, now: datetime) -> RotationReport:
        refreshed = failed = 0
        for connection in self._repository.enabled_connections():
            if now - connection.keys_fetched_at < self._interval:
                continue
            updated = self._refresh(connection, now)
            self._repository.save(updated)
            if updated.last_refresh_error is None:
                refreshed += 1
            else:
                failed += 1
        return RotationReport(refreshed, failed)

    def _refresh(self, connection: SsoConnection, now: datetime) -> SsoConnection:
        try:
            metadata = fetch_provider_metadata(self._http, connection.metadata.issuer)
            keys = fetch_key_set(self._http, metadata.jwks_uri)
        except (DiscoveryError, KeySetError) as exc:
            log.warning("key refresh failed for tenant %s: %s", connection.tenant_id, exc)
            return replace(connection, last_refresh_error=str(exc))
        return replace(
            connection, metadata=metadata, keys=keys, keys_fetched_at=now, last_refresh_error=None
        )
