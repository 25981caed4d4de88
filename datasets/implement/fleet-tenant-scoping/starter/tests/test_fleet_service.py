"""Service-level tests of the maintenance schedule, over a real SQLite file."""

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from fleet.db import connect, init_schema
from fleet.errors import OdometerRollback, VehicleNotFound
from fleet.models import NewServiceRecord, NewVehicle, ServiceKind
from fleet.repository import FleetRepository
from fleet.service import FleetService

INTERVALS = {"oil_change": 10_000, "tyres": 40_000}


@pytest.fixture
def connection(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    path = tmp_path / "fleet.sqlite3"
    init_schema(path)
    connection = connect(path)
    yield connection
    connection.close()


@pytest.fixture
def service(connection: sqlite3.Connection) -> FleetService:
    return FleetService(FleetRepository(connection), INTERVALS)


def oil_change_at(km: int) -> NewServiceRecord:
    return NewServiceRecord(ServiceKind.OIL_CHANGE, date(2024, 5, 1), km, 9_900)


def test_only_configured_kinds_are_scheduled(service: FleetService) -> None:
    vehicle = service.register(NewVehicle("T-1", "Volvo", "FH16", 2021, odometer_km=50_000))

    due = service.due(vehicle.id)

    assert [(d.kind, d.overdue_by_km) for d in due] == [
        (ServiceKind.OIL_CHANGE, 40_000),
        (ServiceKind.TYRES, 10_000),
    ]


def test_latest_service_resets_the_interval(service: FleetService) -> None:
    vehicle = service.register(NewVehicle("T-1", "Volvo", "FH16", 2021, odometer_km=12_000))
    service.log_service(vehicle.id, oil_change_at(2_000))
    service.log_service(vehicle.id, oil_change_at(11_000))

    assert service.due(vehicle.id) == []


def test_odometer_rollback_is_refused(service: FleetService) -> None:
    vehicle = service.register(NewVehicle("T-1", "Volvo", "FH16", 2021, odometer_km=100))

    with pytest.raises(OdometerRollback):
        service.record_odometer(vehicle.id, 99)


def test_unknown_vehicle(service: FleetService) -> None:
    with pytest.raises(VehicleNotFound):
        service.due(12)
