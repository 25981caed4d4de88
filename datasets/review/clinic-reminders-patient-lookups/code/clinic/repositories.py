"""SQL access for patients, clinicians and appointments.

Every method runs its statements on the connection it was given and does not commit: the caller
owns the transaction. Lookups by id come in two forms, `get` for a single record and `get_many`
for a batch in one round trip.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from clinic.models import (
    Appointment,
    AppointmentStatus,
    Clinician,
    Patient,
    ReminderChannel,
)

_PATIENT_COLUMNS = "id, first_name, last_name, phone, email, reminder_channel"
_APPOINTMENT_COLUMNS = "id, patient_id, clinician_id, starts_at, duration_minutes, status"


class NotFound(LookupError):
    pass


def _placeholders(count: int) -> str:
    return ", ".join("?" for _ in range(count))


def _patient(row: tuple[Any, ...]) -> Patient:
    id_, first_name, last_name, phone, email, channel = row
    return Patient(
        id=id_,
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        email=email,
        reminder_channel=ReminderChannel(channel),
    )


def _appointment(row: tuple[Any, ...]) -> Appointment:
    id_, patient_id, clinician_id, starts_at, duration, status = row
    return Appointment(
        id=id_,
        patient_id=patient_id,
        clinician_id=clinician_id,
        starts_at=datetime.fromisoformat(starts_at),
        duration_minutes=duration,
        status=AppointmentStatus(status),
    )


class PatientRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def get(self, patient_id: int) -> Patient:
        """One patient; one query per call."""
        row = self._connection.execute(
            f"SELECT {_PATIENT_COLUMNS} FROM patients WHERE id = ?", (patient_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no patient {patient_id}")
        return _patient(row)

    def get_many(self, patient_ids: Iterable[int]) -> dict[int, Patient]:
        """Patients by id in one query; ids without a patient are left out of the result."""
        ids = sorted(set(patient_ids))
        if not ids:
            return {}
        rows = self._connection.execute(
            f"SELECT {_PATIENT_COLUMNS} FROM patients WHERE id IN ({_placeholders(len(ids))})",
            ids,
        ).fetchall()
        return {patient.id: patient for patient in map(_patient, rows)}

    def set_reminder_channel(self, patient_id: int, channel: ReminderChannel) -> None:
        cursor = self._connection.execute(
            "UPDATE patients SET reminder_channel = ? WHERE id = ?", (channel.value, patient_id)
        )
        if cursor.rowcount == 0:
            raise NotFound(f"no patient {patient_id}")


class ClinicianRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def get(self, clinician_id: int) -> Clinician:
        """One clinician; one query per call."""
        row = self._connection.execute(
            "SELECT id, display_name, room FROM clinicians WHERE id = ?", (clinician_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no clinician {clinician_id}")
        return Clinician(*row)

    def get_many(self, clinician_ids: Iterable[int]) -> dict[int, Clinician]:
        """Clinicians by id in one query; ids without a clinician are left out of the result."""
        ids = sorted(set(clinician_ids))
        if not ids:
            return {}
        rows = self._connection.execute(
            "SELECT id, display_name, room FROM clinicians "
            f"WHERE id IN ({_placeholders(len(ids))})",
            ids,
        ).fetchall()
        return {clinician.id: clinician for clinician in (Clinician(*row) for row in rows)}


class AppointmentRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def on_day(
        self, day: date, statuses: Iterable[AppointmentStatus] = (AppointmentStatus.BOOKED,)
    ) -> list[Appointment]:
        """The day's appointments with one of `statuses`, in start order."""
        wanted = [status.value for status in statuses]
        start = datetime.combine(day, datetime.min.time())
        rows = self._connection.execute(
            f"SELECT {_APPOINTMENT_COLUMNS} FROM appointments "
            f"WHERE starts_at >= ? AND starts_at < ? AND status IN ({_placeholders(len(wanted))}) "
            "ORDER BY starts_at, id",
            (start.isoformat(), (start + timedelta(days=1)).isoformat(), *wanted),
        ).fetchall()
        return [_appointment(row) for row in rows]

    def cancel(self, appointment_id: int) -> None:
        cursor = self._connection.execute(
            "UPDATE appointments SET status = ? WHERE id = ? AND status = ?",
            (AppointmentStatus.CANCELLED.value, appointment_id, AppointmentStatus.BOOKED.value),
        )
        if cursor.rowcount == 0:
            raise NotFound(f"no booked appointment {appointment_id}")

    def reminded(self, appointment_ids: Iterable[int]) -> set[int]:
        """Which of the appointments already had their reminder sent, in one query."""
        ids = sorted(set(appointment_ids))
        if not ids:
            return set()
        rows = self._connection.execute(
            "SELECT appointment_id FROM reminders_sent "
            f"WHERE appointment_id IN ({_placeholders(len(ids))})",
            ids,
        ).fetchall()
        return {appointment_id for (appointment_id,) in rows}

    def record_reminder(
        self, appointment_id: int, channel: ReminderChannel, sent_at: datetime
    ) -> None:
        self._connection.execute(
            "INSERT INTO reminders_sent (appointment_id, channel, sent_at) VALUES (?, ?, ?)",
            (appointment_id, channel.value, sent_at.isoformat()),
        )
