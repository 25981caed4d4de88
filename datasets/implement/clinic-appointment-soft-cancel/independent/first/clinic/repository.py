"""SQL for practitioners and appointments; every method runs on the caller's connection."""

import sqlite3
from datetime import datetime

from clinic.models import BOOKED, CANCELLED, Appointment, Practitioner, PractitionerCreate

APPOINTMENT_COLUMNS = "id, practitioner_id, patient_name, starts_at, ends_at, status"


class PractitionerRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def add(self, data: PractitionerCreate) -> Practitioner:
        cursor = self.connection.execute(
            "INSERT INTO practitioners (name, specialty) VALUES (?, ?)",
            (data.name, data.specialty),
        )
        return Practitioner(id=_inserted_id(cursor), name=data.name, specialty=data.specialty)

    def get(self, practitioner_id: int) -> Practitioner | None:
        row = self.connection.execute(
            "SELECT id, name, specialty FROM practitioners WHERE id = ?", (practitioner_id,)
        ).fetchone()
        return None if row is None else Practitioner(**dict(row))

    def list_all(self) -> list[Practitioner]:
        rows = self.connection.execute(
            "SELECT id, name, specialty FROM practitioners ORDER BY name, id"
        ).fetchall()
        return [Practitioner(**dict(row)) for row in rows]


class AppointmentRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def add(
        self, practitioner_id: int, patient_name: str, starts_at: datetime, ends_at: datetime
    ) -> Appointment:
        cursor = self.connection.execute(
            "INSERT INTO appointments (practitioner_id, patient_name, starts_at, ends_at)"
            " VALUES (?, ?, ?, ?)",
            (practitioner_id, patient_name, starts_at.isoformat(), ends_at.isoformat()),
        )
        return Appointment(
            id=_inserted_id(cursor),
            practitioner_id=practitioner_id,
            patient_name=patient_name,
            starts_at=starts_at,
            ends_at=ends_at,
            status=BOOKED,
        )

    def get(self, appointment_id: int) -> Appointment | None:
        row = self.connection.execute(
            f"SELECT {APPOINTMENT_COLUMNS} FROM appointments WHERE id = ?", (appointment_id,)
        ).fetchone()
        return None if row is None else _appointment(row)

    def overlapping(
        self, practitioner_id: int, starts_at: datetime, ends_at: datetime, excluding: int | None
    ) -> list[Appointment]:
        """Booked appointments of the practitioner sharing any minute with [starts_at, ends_at).

        Cancelled appointments hold no time, so they never overlap anything.
        """
        rows = self.connection.execute(
            f"SELECT {APPOINTMENT_COLUMNS} FROM appointments"
            " WHERE practitioner_id = ? AND status = ? AND starts_at < ? AND ends_at > ?"
            " AND id IS NOT ?",
            (practitioner_id, BOOKED, ends_at.isoformat(), starts_at.isoformat(), excluding),
        ).fetchall()
        return [_appointment(row) for row in rows]

    def starting_between(
        self,
        practitioner_id: int,
        start: datetime,
        end: datetime,
        include_cancelled: bool = False,
    ) -> list[Appointment]:
        """The practitioner's appointments starting in [start, end), by start time then booking.

        Only booked ones unless `include_cancelled`.
        """
        rows = self.connection.execute(
            f"SELECT {APPOINTMENT_COLUMNS} FROM appointments"
            " WHERE practitioner_id = ? AND starts_at >= ? AND starts_at < ?"
            " AND (? OR status = ?)"
            " ORDER BY starts_at, id",
            (practitioner_id, start.isoformat(), end.isoformat(), include_cancelled, BOOKED),
        ).fetchall()
        return [_appointment(row) for row in rows]

    def for_patient(self, patient_name: str) -> list[Appointment]:
        rows = self.connection.execute(
            f"SELECT {APPOINTMENT_COLUMNS} FROM appointments"
            " WHERE patient_name = ? AND status = ?"
            " ORDER BY starts_at, id",
            (patient_name, BOOKED),
        ).fetchall()
        return [_appointment(row) for row in rows]

    def move(self, appointment_id: int, starts_at: datetime, ends_at: datetime) -> None:
        self.connection.execute(
            "UPDATE appointments SET starts_at = ?, ends_at = ? WHERE id = ?",
            (starts_at.isoformat(), ends_at.isoformat(), appointment_id),
        )

    def cancel(self, appointment_id: int) -> bool:
        """Mark a booked appointment cancelled; False when it is not (or no longer) booked.

        The row is kept: compliance needs every cancellation on record.
        """
        cursor = self.connection.execute(
            "UPDATE appointments SET status = ? WHERE id = ? AND status = ?",
            (CANCELLED, appointment_id, BOOKED),
        )
        return cursor.rowcount == 1


def _inserted_id(cursor: sqlite3.Cursor) -> int:
    assert cursor.lastrowid is not None  # always set after a successful INSERT
    return cursor.lastrowid


def _appointment(row: sqlite3.Row) -> Appointment:
    return Appointment(
        id=row["id"],
        practitioner_id=row["practitioner_id"],
        patient_name=row["patient_name"],
        starts_at=datetime.fromisoformat(row["starts_at"]),
        ends_at=datetime.fromisoformat(row["ends_at"]),
        status=row["status"],
    )
