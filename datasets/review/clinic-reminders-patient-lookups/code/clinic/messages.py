"""Wording of appointment reminders, per channel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# One GSM-7 SMS segment; longer texts are billed as several messages.
SMS_SEGMENT = 160


@dataclass(frozen=True)
class ClinicInfo:
    name: str
    phone: str
    address: str


@dataclass(frozen=True)
class EmailMessage:
    subject: str
    body: str


def _when(starts_at: datetime) -> str:
    return f"{starts_at:%A %d %B} at {starts_at:%H:%M}"


def sms_text(clinic: ClinicInfo, first_name: str, starts_at: datetime, clinician: str) -> str:
    """The reminder SMS, shortened to one segment by dropping the greeting if needed."""
    details = f"your appointment with {clinician} is on {_when(starts_at)}."
    contact = f" To rebook call {clinic.phone}. {clinic.name}"
    text = f"Hi {first_name}, {details}{contact}"
    if len(text) > SMS_SEGMENT:
        text = f"Reminder: {details}{contact}"
    return text[:SMS_SEGMENT]


def email_message(
    clinic: ClinicInfo,
    full_name: str,
    starts_at: datetime,
    clinician: str,
    room: str,
) -> EmailMessage:
    body = "\n".join(
        [
            f"Dear {full_name},",
            "",
            f"This is a reminder of your appointment with {clinician} on {_when(starts_at)}",
            f"in {room} at {clinic.name}, {clinic.address}.",
            "",
            "Please arrive five minutes early. If you cannot make it, call us on "
            f"{clinic.phone} so we can offer the slot to someone else.",
            "",
            f"{clinic.name}",
        ]
    )
    return EmailMessage(subject=f"Your appointment on {_when(starts_at)}", body=body)
