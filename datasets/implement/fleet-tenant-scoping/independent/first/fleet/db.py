"""SQLite connections, the schema and tenant scoping.

Every vehicle, and every service record, belongs to one tenant (the operator that registered
the vehicle). The stored tables are `all_vehicles` and `all_service_records`; nothing outside
this module and the repository's writes names them. A connection is scoped to one tenant with
`scope_to_tenant`, which gives it TEMP views `vehicles` and `service_records` holding only that
tenant's rows. So a query written against `vehicles` / `service_records` is tenant-scoped by
default, and on an unscoped connection it fails ("no such table") rather than reading every
tenant's data. The views are read-only: writes must name an `all_*` table and say which rows.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS all_vehicles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL,
    fleet_number TEXT NOT NULL,
    make TEXT NOT NULL,
    model TEXT NOT NULL,
    year INTEGER NOT NULL,
    odometer_km INTEGER NOT NULL,
    status TEXT NOT NULL,
    -- Fleet numbers are each operator's own numbering.
    UNIQUE (tenant_id, fleet_number),
    -- Target of the service records' foreign key below.
    UNIQUE (tenant_id, id)
);
CREATE TABLE IF NOT EXISTS all_service_records (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL,
    vehicle_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    performed_on TEXT NOT NULL,
    odometer_km INTEGER NOT NULL,
    cost_cents INTEGER NOT NULL,
    notes TEXT NOT NULL,
    -- A vehicle's history always belongs to the vehicle's tenant.
    FOREIGN KEY (tenant_id, vehicle_id) REFERENCES all_vehicles(tenant_id, id)
);
CREATE INDEX IF NOT EXISTS service_records_by_vehicle
    ON all_service_records(tenant_id, vehicle_id);
"""

TENANT_SCOPE = """
CREATE TEMP TABLE IF NOT EXISTS current_tenant (
    only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
    tenant_id TEXT NOT NULL
);
CREATE TEMP VIEW IF NOT EXISTS vehicles AS
    SELECT id, tenant_id, fleet_number, make, model, year, odometer_km, status
    FROM main.all_vehicles
    WHERE tenant_id = (SELECT tenant_id FROM temp.current_tenant);
CREATE TEMP VIEW IF NOT EXISTS service_records AS
    SELECT id, tenant_id, vehicle_id, kind, performed_on, odometer_km, cost_cents, notes
    FROM main.all_service_records
    WHERE tenant_id = (SELECT tenant_id FROM temp.current_tenant);
"""


def connect(path: Path) -> sqlite3.Connection:
    # Sync endpoints run in FastAPI's thread pool; each request opens its own connection.
    connection = sqlite3.connect(path, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def scope_to_tenant(connection: sqlite3.Connection, tenant_id: str) -> None:
    """Make `vehicles` and `service_records` on this connection show only `tenant_id`'s rows."""
    if not tenant_id.strip():
        raise ValueError("a tenant id must not be blank")
    with connection:
        connection.executescript(TENANT_SCOPE)
        connection.execute(
            "INSERT INTO temp.current_tenant (only_row, tenant_id) VALUES (1, ?)"
            " ON CONFLICT (only_row) DO UPDATE SET tenant_id = excluded.tenant_id",
            (tenant_id,),
        )


def init_schema(path: Path) -> None:
    """Create the tables if they are missing; safe at every start."""
    connection = connect(path)
    try:
        with connection:
            connection.executescript(SCHEMA)
    finally:
        connection.close()
