"""HTTP layer: routes translate requests into service calls and domain errors into statuses."""

from datetime import date, datetime

from fastapi import APIRouter, FastAPI, Query, Request, Response, status
from fastapi.responses import JSONResponse

from clinic.config import Settings
from clinic.db import Database
from clinic.errors import (
    AppointmentCancelled,
    BookingError,
    NotFound,
    OutsideOpeningHours,
    SlotUnavailable,
)
from clinic.models import (
    MAX_DURATION_MINUTES,
    MIN_DURATION_MINUTES,
    Appointment,
    AppointmentRequest,
    DaySummary,
    Practitioner,
    PractitionerCreate,
    RescheduleRequest,
)
from clinic.service import BookingService

STATUS_BY_ERROR: dict[type[BookingError], int] = {
    NotFound: status.HTTP_404_NOT_FOUND,
    SlotUnavailable: status.HTTP_409_CONFLICT,
    AppointmentCancelled: status.HTTP_409_CONFLICT,
    OutsideOpeningHours: 422,  # same status FastAPI gives an invalid body
}


def create_app(settings: Settings) -> FastAPI:
    database = Database(settings.database_path)
    database.initialise()
    service = BookingService(database, settings)
    app = FastAPI(title="Clinic booking")
    app.add_exception_handler(BookingError, _booking_error_response)
    app.include_router(_practitioner_routes(service))
    app.include_router(_appointment_routes(service))
    return app


async def _booking_error_response(_: Request, error: Exception) -> JSONResponse:
    return JSONResponse(status_code=STATUS_BY_ERROR[type(error)], content={"detail": str(error)})


def _practitioner_routes(service: BookingService) -> APIRouter:
    router = APIRouter(prefix="/practitioners")

    @router.post("", status_code=status.HTTP_201_CREATED)
    def register(data: PractitionerCreate) -> Practitioner:
        return service.register_practitioner(data)

    @router.get("")
    def list_practitioners() -> list[Practitioner]:
        return service.practitioners()

    @router.get("/{practitioner_id}")
    def get_practitioner(practitioner_id: int) -> Practitioner:
        return service.practitioner(practitioner_id)

    @router.get("/{practitioner_id}/appointments")
    def day_schedule(
        practitioner_id: int, day: date, include_cancelled: bool = False
    ) -> list[Appointment]:
        return service.day_schedule(practitioner_id, day, include_cancelled=include_cancelled)

    @router.get("/{practitioner_id}/summary")
    def day_summary(practitioner_id: int, day: date) -> DaySummary:
        return service.day_summary(practitioner_id, day)

    @router.get("/{practitioner_id}/free-slots")
    def free_slots(
        practitioner_id: int,
        day: date,
        minutes: int = Query(default=30, ge=MIN_DURATION_MINUTES, le=MAX_DURATION_MINUTES),
    ) -> list[datetime]:
        return service.free_slots(practitioner_id, day, minutes)

    return router


def _appointment_routes(service: BookingService) -> APIRouter:
    router = APIRouter(prefix="/appointments")

    @router.post("", status_code=status.HTTP_201_CREATED)
    def book(request: AppointmentRequest) -> Appointment:
        return service.book(request)

    @router.get("")
    def patient_appointments(patient: str) -> list[Appointment]:
        return service.patient_appointments(patient)

    @router.get("/{appointment_id}")
    def get_appointment(appointment_id: int) -> Appointment:
        return service.appointment(appointment_id)

    @router.patch("/{appointment_id}")
    def reschedule(appointment_id: int, request: RescheduleRequest) -> Appointment:
        return service.reschedule(appointment_id, request)

    @router.delete("/{appointment_id}", status_code=status.HTTP_204_NO_CONTENT)
    def cancel(appointment_id: int) -> Response:
        service.cancel(appointment_id)
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    return router
