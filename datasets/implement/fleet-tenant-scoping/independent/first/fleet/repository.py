"""Persistence of vehicles and their service records: every SQL statement lives here.

A repository works for one tenant. Its connection is scoped to that tenant (see `fleet.db`):
reads use the `vehicles` and `service_records` views, which hold only the tenant's rows, and
writes name an `all_*` table but only ever touch rows the views show. Another tenant's vehicle
is therefore indistinguishable from one that does not exist.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from fleet.db import scope_to_tenant
from fleet.errors import DuplicateFleetNumber, VehicleNotFound
from fleet.models import (
    NewServiceRecord,
    NewVehicle,
    ServiceKind,
    ServiceRecord,
    Vehicle,
    VehicleCost,
    VehicleStatus,
)

VEHICLE_COLUMNS = "id, fleet_number, make, model, year, odometer_km, status"


def _vehicle(row: sqlite3.Row) -> Vehicle:
    return Vehicle(
        id=row["id"],
        fleet_number=row["fleet_number"],
        make=row["make"],
        model=row["model"],
        year=row["year"],
        odometer_km=row["odometer_km"],
        status=VehicleStatus(row["status"]),
    )


def _service_record(row: sqlite3.Row) -> ServiceRecord:
    return ServiceRecord(
        id=row["id"],
        vehicle_id=row["vehicle_id"],
        kind=ServiceKind(row["kind"]),
        performed_on=date.fromisoformat(row["performed_on"]),
        odometer_km=row["odometer_km"],
        cost_cents=row["cost_cents"],
        notes=row["notes"],
    )


class FleetRepository:
    def __init__(self, connection: sqlite3.Connection, tenant_id: str) -> None:
        scope_to_tenant(connection, tenant_id)
        self._connection = connection
        self._tenant_id = tenant_id

    def add_vehicle(self, draft: NewVehicle) -> Vehicle:
        try:
            with self._connection:
                cursor = self._connection.execute(
                    "INSERT INTO all_vehicles"
                    " (tenant_id, fleet_number, make, model, year, odometer_km, status)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        self._tenant_id,
                        draft.fleet_number,
                        draft.make,
                        draft.model,
                        draft.year,
                        draft.odometer_km,
                        VehicleStatus.ACTIVE.value,
                    ),
                )
        except sqlite3.IntegrityError as error:
            # The UNIQUE (tenant, fleet number) constraint decides, so two concurrent
            # registrations cannot both win.
            raise DuplicateFleetNumber(draft.fleet_number) from error
        vehicle_id = cursor.lastrowid
        assert vehicle_id is not None
        return Vehicle(
            vehicle_id,
            draft.fleet_number,
            draft.make,
            draft.model,
            draft.year,
            draft.odometer_km,
            VehicleStatus.ACTIVE,
        )

    def vehicle(self, vehicle_id: int) -> Vehicle | None:
        row = self._connection.execute(
            f"SELECT {VEHICLE_COLUMNS} FROM vehicles WHERE id = ?", (vehicle_id,)
        ).fetchone()
        return None if row is None else _vehicle(row)

    def vehicles(self, status: VehicleStatus | None, make: str | None) -> list[Vehicle]:
        """Vehicles in fleet-number order; `make` matches case-insensitively."""
        query = f"SELECT {VEHICLE_COLUMNS} FROM vehicles WHERE 1 = 1"
        params: list[object] = []
        if status is not None:
            query += " AND status = ?"
            params.append(status.value)
        if make is not None:
            query += " AND lower(make) = lower(?)"
            params.append(make)
        rows = self._connection.execute(query + " ORDER BY fleet_number", params).fetchall()
        return [_vehicle(row) for row in rows]

    def set_odometer(self, vehicle_id: int, odometer_km: int) -> None:
        with self._connection:
            self._connection.execute(
                "UPDATE all_vehicles SET odometer_km = ?"
                " WHERE id = (SELECT id FROM vehicles WHERE id = ?)",
                (odometer_km, vehicle_id),
            )

    def set_status(self, vehicle_id: int, status: VehicleStatus) -> None:
        with self._connection:
            self._connection.execute(
                "UPDATE all_vehicles SET status = ?"
                " WHERE id = (SELECT id FROM vehicles WHERE id = ?)",
                (status.value, vehicle_id),
            )

    def add_service(self, vehicle_id: int, draft: NewServiceRecord) -> ServiceRecord:
        with self._connection:
            # The record takes the tenant of the vehicle, found through the scoped view: no
            # row is written for a vehicle this tenant cannot see.
            cursor = self._connection.execute(
                "INSERT INTO all_service_records"
                " (tenant_id, vehicle_id, kind, performed_on, odometer_km, cost_cents, notes)"
                " SELECT tenant_id, id, ?, ?, ?, ?, ? FROM vehicles WHERE id = ?",
                (
                    draft.kind.value,
                    draft.performed_on.isoformat(),
                    draft.odometer_km,
                    draft.cost_cents,
                    draft.notes,
                    vehicle_id,
                ),
            )
        if cursor.rowcount == 0:
            raise VehicleNotFound(vehicle_id)
        record_id = cursor.lastrowid
        assert record_id is not None
        return ServiceRecord(
            record_id,
            vehicle_id,
            draft.kind,
            draft.performed_on,
            draft.odometer_km,
            draft.cost_cents,
            draft.notes,
        )

    def services(self, vehicle_id: int, kind: ServiceKind | None) -> list[ServiceRecord]:
        """A vehicle's service history, oldest first."""
        query = (
            "SELECT id, vehicle_id, kind, performed_on, odometer_km, cost_cents, notes"
            " FROM service_records WHERE vehicle_id = ?"
        )
        params: list[object] = [vehicle_id]
        if kind is not None:
            query += " AND kind = ?"
            params.append(kind.value)
        rows = self._connection.execute(query + " ORDER BY performed_on, id", params).fetchall()
        return [_service_record(row) for row in rows]

    def last_service_km(self, vehicle_id: int) -> dict[ServiceKind, int]:
        """For each kind ever done on the vehicle, the odometer reading of the latest one."""
        rows = self._connection.execute(
            "SELECT kind, MAX(odometer_km) AS km FROM service_records WHERE vehicle_id = ?"
            " GROUP BY kind",
            (vehicle_id,),
        ).fetchall()
        return {ServiceKind(row["kind"]): row["km"] for row in rows}

    def costs(self, year: int) -> list[VehicleCost]:
        """Service spend per vehicle in a calendar year, biggest spender first."""
        rows = self._connection.execute(
            "SELECT v.id, v.fleet_number, COUNT(*) AS services, SUM(s.cost_cents) AS total"
            " FROM service_records s JOIN vehicles v ON v.id = s.vehicle_id"
            " WHERE substr(s.performed_on, 1, 4) = ?"
            " GROUP BY v.id ORDER BY total DESC, v.fleet_number",
            (f"{year:04d}",),
        ).fetchall()
        return [
            VehicleCost(row["id"], row["fleet_number"], row["services"], row["total"])
            for row in rows
        ]
