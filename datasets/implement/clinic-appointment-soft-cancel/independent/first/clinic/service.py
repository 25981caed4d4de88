"""Booking use cases: each runs in one unit of work, so its checks and writes agree."""

import sqlite3
from datetime import date, datetime, timedelta

from clinic.availability import SlotGrid, free_starts
from clinic.config import Settings
from clinic.db import Database
from clinic.errors import AppointmentCancelled, NotFound, OutsideOpeningHours, SlotUnavailable
from clinic.models import (
    CANCELLED,
    Appointment,
    AppointmentRequest,
    DaySummary,
    Practitioner,
    PractitionerCreate,
    RescheduleRequest,
)
from clinic.repository import AppointmentRepository, PractitionerRepository


class BookingService:
    def __init__(self, database: Database, settings: Settings) -> None:
        self.database = database
        self.settings = settings

    def register_practitioner(self, data: PractitionerCreate) -> Practitioner:
        with self.database.unit_of_work() as connection:
            return PractitionerRepository(connection).add(data)

    def practitioners(self) -> list[Practitioner]:
        with self.database.unit_of_work() as connection:
            return PractitionerRepository(connection).list_all()

    def practitioner(self, practitioner_id: int) -> Practitioner:
        with self.database.unit_of_work() as connection:
            return _existing_practitioner(connection, practitioner_id)

    def book(self, request: AppointmentRequest) -> Appointment:
        ends_at = request.starts_at + timedelta(minutes=request.duration_minutes)
        self._check_opening_hours(request.starts_at, ends_at)
        with self.database.unit_of_work() as connection:
            _existing_practitioner(connection, request.practitioner_id)
            appointments = AppointmentRepository(connection)
            _check_free(appointments, request.practitioner_id, request.starts_at, ends_at, None)
            return appointments.add(
                request.practitioner_id, request.patient_name, request.starts_at, ends_at
            )

    def appointment(self, appointment_id: int) -> Appointment:
        with self.database.unit_of_work() as connection:
            return _existing_appointment(AppointmentRepository(connection), appointment_id)

    def reschedule(self, appointment_id: int, request: RescheduleRequest) -> Appointment:
        with self.database.unit_of_work() as connection:
            appointments = AppointmentRepository(connection)
            current = _existing_appointment(appointments, appointment_id)
            _check_not_cancelled(current)
            duration = request.duration_minutes
            length = current.ends_at - current.starts_at
            if duration is not None:
                length = timedelta(minutes=duration)
            ends_at = request.starts_at + length
            self._check_opening_hours(request.starts_at, ends_at)
            _check_free(
                appointments, current.practitioner_id, request.starts_at, ends_at, current.id
            )
            appointments.move(appointment_id, request.starts_at, ends_at)
            return current.model_copy(update={"starts_at": request.starts_at, "ends_at": ends_at})

    def cancel(self, appointment_id: int) -> None:
        with self.database.unit_of_work() as connection:
            appointments = AppointmentRepository(connection)
            _check_not_cancelled(_existing_appointment(appointments, appointment_id))
            if not appointments.cancel(appointment_id):
                # Another request cancelled it between our read and our write.
                raise AppointmentCancelled(f"appointment {appointment_id} is already cancelled")

    def day_schedule(
        self, practitioner_id: int, day: date, include_cancelled: bool = False
    ) -> list[Appointment]:
        """The practitioner's booked appointments that day (and cancelled ones if asked)."""
        with self.database.unit_of_work() as connection:
            _existing_practitioner(connection, practitioner_id)
            return _starting_on(
                AppointmentRepository(connection), practitioner_id, day, include_cancelled
            )

    def day_summary(self, practitioner_id: int, day: date) -> DaySummary:
        schedule = self.day_schedule(practitioner_id, day)
        minutes = sum((a.ends_at - a.starts_at) // timedelta(minutes=1) for a in schedule)
        return DaySummary(
            practitioner_id=practitioner_id,
            day=day,
            appointments=len(schedule),
            booked_minutes=minutes,
        )

    def free_slots(self, practitioner_id: int, day: date, minutes: int) -> list[datetime]:
        grid = SlotGrid(self.settings.opens_at, self.settings.closes_at, self.settings.slot_step)
        booked = self.day_schedule(practitioner_id, day)
        return free_starts(grid, day, timedelta(minutes=minutes), booked)

    def patient_appointments(self, patient_name: str) -> list[Appointment]:
        with self.database.unit_of_work() as connection:
            return AppointmentRepository(connection).for_patient(patient_name)

    def _check_opening_hours(self, starts_at: datetime, ends_at: datetime) -> None:
        same_day = starts_at.date() == ends_at.date()
        opens, closes = self.settings.opens_at, self.settings.closes_at
        if not (same_day and starts_at.time() >= opens and ends_at.time() <= closes):
            raise OutsideOpeningHours(f"appointments must fall between {opens} and {closes}")


def _existing_practitioner(connection: sqlite3.Connection, practitioner_id: int) -> Practitioner:
    practitioner = PractitionerRepository(connection).get(practitioner_id)
    if practitioner is None:
        raise NotFound(f"practitioner {practitioner_id} not found")
    return practitioner


def _existing_appointment(appointments: AppointmentRepository, appointment_id: int) -> Appointment:
    appointment = appointments.get(appointment_id)
    if appointment is None:
        raise NotFound(f"appointment {appointment_id} not found")
    return appointment


def _check_not_cancelled(appointment: Appointment) -> None:
    if appointment.status == CANCELLED:
        raise AppointmentCancelled(f"appointment {appointment.id} is cancelled")


def _check_free(
    appointments: AppointmentRepository,
    practitioner_id: int,
    starts_at: datetime,
    ends_at: datetime,
    excluding: int | None,
) -> None:
    if appointments.overlapping(practitioner_id, starts_at, ends_at, excluding):
        raise SlotUnavailable(f"practitioner {practitioner_id} is busy at {starts_at}")


def _starting_on(
    appointments: AppointmentRepository,
    practitioner_id: int,
    day: date,
    include_cancelled: bool = False,
) -> list[Appointment]:
    midnight = datetime.combine(day, datetime.min.time())
    return appointments.starting_between(
        practitioner_id, midnight, midnight + timedelta(days=1), include_cancelled
    )
