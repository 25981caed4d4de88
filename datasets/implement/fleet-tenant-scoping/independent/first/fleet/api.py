"""HTTP layer: parsing, status codes and error mapping; the rules live in the service.

No `from __future__ import annotations`: FastAPI must see the route signatures' real types.
"""

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, FastAPI, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.middleware.base import RequestResponseEndpoint

from fleet.config import Settings
from fleet.db import connect, init_schema
from fleet.errors import (
    DuplicateFleetNumber,
    FleetError,
    OdometerRollback,
    VehicleNotFound,
    VehicleRetired,
)
from fleet.models import NewServiceRecord, NewVehicle, ServiceKind, VehicleStatus
from fleet.repository import FleetRepository
from fleet.schemas import (
    CostOut,
    DueOut,
    OdometerReading,
    ServiceCreate,
    ServiceOut,
    VehicleCreate,
    VehicleOut,
)
from fleet.service import FleetService

ERROR_STATUS: dict[type[FleetError], int] = {
    VehicleNotFound: 404,
    DuplicateFleetNumber: 409,
    OdometerRollback: 409,
    VehicleRetired: 409,
}

ServiceFactory = Callable[..., Iterator[FleetService]]

# Set by the API gateway once it has authenticated the operator; an opaque, exact-match string.
TENANT_HEADER = "X-Tenant-Id"


def create_app(settings: Settings) -> FastAPI:
    init_schema(settings.database_path)
    app = FastAPI(title="Fleet maintenance")
    # The API's own description is not tenant data.
    open_paths = {app.openapi_url, app.docs_url, app.redoc_url, app.swagger_ui_oauth2_redirect_url}

    @app.middleware("http")
    async def require_tenant(request: Request, call_next: RequestResponseEndpoint) -> Response:
        """Refuse a request without a tenant before any route (or validation) runs."""
        if request.url.path not in open_paths:
            tenant_id = request.headers.get(TENANT_HEADER)
            if tenant_id is None or not tenant_id.strip():
                return JSONResponse({"detail": f"missing {TENANT_HEADER} header"}, status_code=400)
        return await call_next(request)

    def service(request: Request) -> Iterator[FleetService]:
        tenant_id = request.headers[TENANT_HEADER]  # present and non-blank: see require_tenant
        connection = connect(settings.database_path)
        try:
            repository = FleetRepository(connection, tenant_id)
            yield FleetService(repository, settings.service_intervals_km)
        finally:
            connection.close()

    @app.exception_handler(FleetError)
    def domain_error(request: Request, error: FleetError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=ERROR_STATUS[type(error)])

    _vehicle_routes(app, service)
    _maintenance_routes(app, service)
    return app


def _vehicle_routes(app: FastAPI, service: ServiceFactory) -> None:
    Svc = Annotated[FleetService, Depends(service)]  # noqa: N806 - a type alias

    @app.post("/vehicles", status_code=201)
    def register(body: VehicleCreate, svc: Svc) -> VehicleOut:
        draft = NewVehicle(body.fleet_number, body.make, body.model, body.year, body.odometer_km)
        return VehicleOut.of(svc.register(draft))

    @app.get("/vehicles")
    def list_vehicles(
        svc: Svc, status: VehicleStatus | None = None, make: str | None = None
    ) -> list[VehicleOut]:
        return [VehicleOut.of(vehicle) for vehicle in svc.vehicles(status, make)]

    @app.get("/vehicles/{vehicle_id}")
    def get_vehicle(vehicle_id: int, svc: Svc) -> VehicleOut:
        return VehicleOut.of(svc.vehicle(vehicle_id))

    @app.post("/vehicles/{vehicle_id}/odometer")
    def record_odometer(vehicle_id: int, body: OdometerReading, svc: Svc) -> VehicleOut:
        return VehicleOut.of(svc.record_odometer(vehicle_id, body.reading_km))

    @app.post("/vehicles/{vehicle_id}/retire")
    def retire(vehicle_id: int, svc: Svc) -> VehicleOut:
        return VehicleOut.of(svc.retire(vehicle_id))


def _maintenance_routes(app: FastAPI, service: ServiceFactory) -> None:
    Svc = Annotated[FleetService, Depends(service)]  # noqa: N806 - a type alias

    @app.post("/vehicles/{vehicle_id}/services", status_code=201)
    def log_service(vehicle_id: int, body: ServiceCreate, svc: Svc) -> ServiceOut:
        draft = NewServiceRecord(
            body.kind, body.performed_on, body.odometer_km, body.cost_cents, body.notes
        )
        return ServiceOut.of(svc.log_service(vehicle_id, draft))

    @app.get("/vehicles/{vehicle_id}/services")
    def services(vehicle_id: int, svc: Svc, kind: ServiceKind | None = None) -> list[ServiceOut]:
        return [ServiceOut.of(record) for record in svc.services(vehicle_id, kind)]

    @app.get("/vehicles/{vehicle_id}/due")
    def due(vehicle_id: int, svc: Svc) -> list[DueOut]:
        return [DueOut.of(item) for item in svc.due(vehicle_id)]

    @app.get("/reports/costs")
    def costs(svc: Svc, year: Annotated[int, Query(ge=1980, le=2100)]) -> list[CostOut]:
        return [CostOut.of(cost) for cost in svc.cost_report(year)]
