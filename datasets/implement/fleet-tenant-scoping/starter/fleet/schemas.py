"""Request and response bodies of the HTTP API."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from fleet.models import (
    DueService,
    ServiceKind,
    ServiceRecord,
    Vehicle,
    VehicleCost,
    VehicleStatus,
)

FLEET_NUMBER = r"^[A-Z0-9-]{1,12}$"


class VehicleCreate(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    fleet_number: str = Field(pattern=FLEET_NUMBER)
    make: str = Field(min_length=1, max_length=50)
    model: str = Field(min_length=1, max_length=50)
    year: int = Field(ge=1980, le=2100)
    odometer_km: int = Field(default=0, ge=0)


class OdometerReading(BaseModel):
    reading_km: int = Field(ge=0)


class ServiceCreate(BaseModel):
    kind: ServiceKind
    performed_on: date
    odometer_km: int = Field(ge=0)
    cost_cents: int = Field(ge=0)
    notes: str = Field(default="", max_length=2000)


class VehicleOut(BaseModel):
    id: int
    fleet_number: str
    make: str
    model: str
    year: int
    odometer_km: int
    status: VehicleStatus

    @classmethod
    def of(cls, vehicle: Vehicle) -> VehicleOut:
        return cls(**vehicle.__dict__)


class ServiceOut(BaseModel):
    id: int
    vehicle_id: int
    kind: ServiceKind
    performed_on: date
    odometer_km: int
    cost_cents: int
    notes: str

    @classmethod
    def of(cls, record: ServiceRecord) -> ServiceOut:
        return cls(**record.__dict__)


class DueOut(BaseModel):
    kind: ServiceKind
    last_done_km: int | None
    overdue_by_km: int

    @classmethod
    def of(cls, due: DueService) -> DueOut:
        return cls(kind=due.kind, last_done_km=due.last_done_km, overdue_by_km=due.overdue_by_km)


class CostOut(BaseModel):
    vehicle_id: int
    fleet_number: str
    services: int
    total_cents: int

    @classmethod
    def of(cls, cost: VehicleCost) -> CostOut:
        return cls(**cost.__dict__)
