"""Domain records of the scheduling service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class ReminderChannel(StrEnum):
    SMS = "sms"
    EMAIL = "email"
    NONE = "none"


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    NO_SHOW = "no_show"


@dataclass(frozen=True)
class Clinician:
    id: int
    display_name: str
    room: str


@dataclass(frozen=True)
class Patient:
    id: int
    first_name: str
    last_name: str
    phone: str | None
    email: str | None
    reminder_channel: ReminderChannel

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class Appointment:
    id: int
    patient_id: int
    clinician_id: int
    starts_at: datetime
    duration_minutes: int
    status: AppointmentStatus

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)
