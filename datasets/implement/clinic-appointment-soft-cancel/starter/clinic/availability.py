"""Free-slot search: which start times on a practitioner's day can still take a booking."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from clinic.models import Appointment


@dataclass(frozen=True)
class SlotGrid:
    """Bookings start on a fixed grid (every `step` from opening time) so the diary stays tidy."""

    opens_at: time
    closes_at: time
    step: timedelta

    def starts_on(self, day: date, length: timedelta) -> Iterator[datetime]:
        start = datetime.combine(day, self.opens_at)
        closing = datetime.combine(day, self.closes_at)
        while start + length <= closing:
            yield start
            start += self.step


def free_starts(
    grid: SlotGrid, day: date, length: timedelta, booked: list[Appointment]
) -> list[datetime]:
    """Grid start times on `day` whose whole [start, start + length) overlaps no booking."""
    return [
        start
        for start in grid.starts_on(day, length)
        if not any(_overlaps(start, start + length, appointment) for appointment in booked)
    ]


def _overlaps(starts_at: datetime, ends_at: datetime, appointment: Appointment) -> bool:
    return starts_at < appointment.ends_at and appointment.starts_at < ends_at
