"""Domain model, independent of storage and HTTP."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum


class VehicleStatus(str, Enum):
    ACTIVE = "active"
    RETIRED = "retired"


class ServiceKind(str, Enum):
    OIL_CHANGE = "oil_change"
    BRAKES = "brakes"
    TYRES = "tyres"
    INSPECTION = "inspection"
    REPAIR = "repair"


@dataclass
class NewVehicle:
    fleet_number: str
    make: str
    model: str
    year: int
    odometer_km: int = 0


@dataclass
class Vehicle:
    id: int
    fleet_number: str
    make: str
    model: str
    year: int
    odometer_km: int
    status: VehicleStatus


@dataclass
class NewServiceRecord:
    kind: ServiceKind
    performed_on: date
    odometer_km: int
    cost_cents: int
    notes: str = ""


@dataclass
class ServiceRecord:
    id: int
    vehicle_id: int
    kind: ServiceKind
    performed_on: date
    odometer_km: int
    cost_cents: int
    notes: str


@dataclass(frozen=True)
class DueService:
    kind: ServiceKind
    last_done_km: int | None
    overdue_by_km: int


@dataclass(frozen=True)
class VehicleCost:
    vehicle_id: int
    fleet_number: str
    services: int
    total_cents: int
