"""Meeting-room bookings. Times are stored and compared in UTC.

Clients send ISO 8601 timestamps: the web app sends UTC ("...Z"), the calendar sync sends the
organiser's local time with its offset ("2026-03-02T09:00:00+01:00"), and some older integrations
still send naive timestamps, which are defined to be UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

MAX_BOOKING = timedelta(hours=8)


class BookingError(ValueError):
    pass


@dataclass(frozen=True)
class Booking:
    room_id: str
    organiser: str
    starts_at: datetime
    ends_at: datetime

    def overlaps(self, other: Booking) -> bool:
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at


def parse_instant(value: str) -> datetime:
    """Parse a client timestamp into an aware UTC datetime."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise BookingError(f"not an ISO 8601 timestamp: {value!r}") from exc
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


class RoomCalendar:
    def __init__(self) -> None:
        self._bookings: dict[str, list[Booking]] = {}

    def book(self, room_id: str, organiser: str, starts: str, ends: str) -> Booking:
        booking = Booking(room_id, organiser, parse_instant(starts), parse_instant(ends))
        if booking.ends_at <= booking.starts_at:
            raise BookingError("a booking must end after it starts")
        if booking.ends_at - booking.starts_at > MAX_BOOKING:
            raise BookingError(f"bookings are limited to {MAX_BOOKING}")
        existing = self._bookings.setdefault(room_id, [])
        clash = next((b for b in existing if b.overlaps(booking)), None)
        if clash is not None:
            raise BookingError(f"{room_id} is booked by {clash.organiser} at that time")
        existing.append(booking)
        return booking

    def bookings(self, room_id: str) -> list[Booking]:
        return sorted(self._bookings.get(room_id, []), key=lambda b: b.starts_at)
