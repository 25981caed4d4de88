"""Per-tenant feature settings, stored as one JSON document per tenant.

Several admin screens edit different parts of the document (billing, branding, integrations),
so `update` merges the changed keys into what is stored instead of replacing the document.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS tenant_settings (
    tenant_id TEXT PRIMARY KEY,
    document TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0
)
"""
MAX_UPDATE_ATTEMPTS = 5

Settings = dict[str, Any]


class UnknownTenant(LookupError):
    pass


class ConcurrentUpdateError(RuntimeError):
    pass


class TenantSettings:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        with self._connection:
            self._connection.execute(SCHEMA)

    def create(self, tenant_id: str, defaults: Mapping[str, Any]) -> None:
        with self._connection:
            self._connection.execute(
                "INSERT INTO tenant_settings (tenant_id, document) VALUES (?, ?)",
                (tenant_id, json.dumps(dict(defaults))),
            )

    def get(self, tenant_id: str) -> Settings:
        return self._read(tenant_id)[0]

    def update(self, tenant_id: str, changes: Mapping[str, Any]) -> Settings:
        """Merge `changes` into the tenant's settings; returns the stored result.

        Compare-and-swap on the version: if another writer committed between our read and our
        write, the write matches no row and the merge is redone on the fresh document.
        """
        for _ in range(MAX_UPDATE_ATTEMPTS):
            current, version = self._read(tenant_id)
            merged = {**current, **changes}
            with self._connection:
                cursor = self._connection.execute(
                    "UPDATE tenant_settings SET document = ?, version = version + 1 "
                    "WHERE tenant_id = ? AND version = ?",
                    (json.dumps(merged), tenant_id, version),
                )
            if cursor.rowcount == 1:
                return merged
        raise ConcurrentUpdateError(f"settings of {tenant_id} kept changing during the update")

    def _read(self, tenant_id: str) -> tuple[Settings, int]:
        row = self._connection.execute(
            "SELECT document, version FROM tenant_settings WHERE tenant_id = ?", (tenant_id,)
        ).fetchone()
        if row is None:
            raise UnknownTenant(tenant_id)
        document: Settings = json.loads(row[0])
        return document, int(row[1])
