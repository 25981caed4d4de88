"""Request and response models of the HTTP API."""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

MIN_DURATION_MINUTES = 5
MAX_DURATION_MINUTES = 240

AppointmentStatus = Literal["booked", "cancelled"]
BOOKED: AppointmentStatus = "booked"
CANCELLED: AppointmentStatus = "cancelled"


class PractitionerCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    specialty: str = Field(min_length=1, max_length=100)


class Practitioner(PractitionerCreate):
    id: int


class AppointmentRequest(BaseModel):
    practitioner_id: int
    patient_name: str = Field(min_length=1, max_length=100)
    starts_at: datetime
    duration_minutes: int = Field(ge=MIN_DURATION_MINUTES, le=MAX_DURATION_MINUTES)


class RescheduleRequest(BaseModel):
    starts_at: datetime
    # Omitted: the appointment keeps its current length.
    duration_minutes: int | None = Field(
        default=None, ge=MIN_DURATION_MINUTES, le=MAX_DURATION_MINUTES
    )


class Appointment(BaseModel):
    id: int
    practitioner_id: int
    patient_name: str
    starts_at: datetime
    ends_at: datetime
    status: AppointmentStatus = BOOKED


class DaySummary(BaseModel):
    practitioner_id: int
    day: date
    appointments: int
    booked_minutes: int
