"""Fleet use cases: odometer rules, service logging and the maintenance schedule."""

from __future__ import annotations

from collections.abc import Mapping

from fleet.errors import OdometerRollback, VehicleNotFound, VehicleRetired
from fleet.models import (
    DueService,
    NewServiceRecord,
    NewVehicle,
    ServiceKind,
    ServiceRecord,
    Vehicle,
    VehicleCost,
    VehicleStatus,
)
from fleet.repository import FleetRepository


class FleetService:
    def __init__(self, repository: FleetRepository, intervals_km: Mapping[str, int]) -> None:
        self._fleet = repository
        self._intervals_km = intervals_km

    def register(self, draft: NewVehicle) -> Vehicle:
        return self._fleet.add_vehicle(draft)

    def vehicle(self, vehicle_id: int) -> Vehicle:
        vehicle = self._fleet.vehicle(vehicle_id)
        if vehicle is None:
            raise VehicleNotFound(vehicle_id)
        return vehicle

    def vehicles(self, status: VehicleStatus | None, make: str | None) -> list[Vehicle]:
        return self._fleet.vehicles(status, make)

    def record_odometer(self, vehicle_id: int, reading_km: int) -> Vehicle:
        vehicle = self._active(vehicle_id)
        if reading_km < vehicle.odometer_km:
            raise OdometerRollback(vehicle.odometer_km, reading_km)
        self._fleet.set_odometer(vehicle_id, reading_km)
        vehicle.odometer_km = reading_km
        return vehicle

    def retire(self, vehicle_id: int) -> Vehicle:
        vehicle = self.vehicle(vehicle_id)
        self._fleet.set_status(vehicle_id, VehicleStatus.RETIRED)
        vehicle.status = VehicleStatus.RETIRED
        return vehicle

    def log_service(self, vehicle_id: int, draft: NewServiceRecord) -> ServiceRecord:
        """Record a service; a reading past the odometer moves the odometer on."""
        vehicle = self._active(vehicle_id)
        record = self._fleet.add_service(vehicle_id, draft)
        if draft.odometer_km > vehicle.odometer_km:
            self._fleet.set_odometer(vehicle_id, draft.odometer_km)
        return record

    def services(self, vehicle_id: int, kind: ServiceKind | None) -> list[ServiceRecord]:
        self.vehicle(vehicle_id)
        return self._fleet.services(vehicle_id, kind)

    def due(self, vehicle_id: int) -> list[DueService]:
        """Scheduled services whose interval has run out, most overdue first."""
        vehicle = self.vehicle(vehicle_id)
        last_km = self._fleet.last_service_km(vehicle_id)
        due: list[DueService] = []
        for name, interval in self._intervals_km.items():
            kind = ServiceKind(name)
            done_at = last_km.get(kind)
            driven = vehicle.odometer_km - (done_at or 0)
            if driven >= interval:
                due.append(DueService(kind, done_at, driven - interval))
        return sorted(due, key=lambda item: (-item.overdue_by_km, item.kind.value))

    def cost_report(self, year: int) -> list[VehicleCost]:
        return self._fleet.costs(year)

    def _active(self, vehicle_id: int) -> Vehicle:
        vehicle = self.vehicle(vehicle_id)
        if vehicle.status is VehicleStatus.RETIRED:
            raise VehicleRetired(vehicle_id)
        return vehicle
