from datetime import datetime, timezone

import pytest

from bookings.rooms import BookingError, RoomCalendar, parse_instant


def utc(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 2, hour, minute, tzinfo=timezone.utc)


def test_utc_and_naive_timestamps_are_utc() -> None:
    assert parse_instant("2026-03-02T09:00:00Z") == utc(9)
    assert parse_instant("2026-03-02T09:00:00") == utc(9)
    assert parse_instant("2026-03-02T09:00:00").tzinfo is not None


def test_offset_timestamps_keep_their_instant() -> None:
    parsed = parse_instant("2026-03-02T10:30:00+01:00")
    assert parsed == utc(9, 30)
    assert parsed.utcoffset() is not None and parsed.utcoffset().total_seconds() == 0


def test_overlapping_bookings_are_refused() -> None:
    calendar = RoomCalendar()
    calendar.book("atlas", "ada", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z")
    with pytest.raises(BookingError):
        calendar.book("atlas", "alan", "2026-03-02T09:30:00Z", "2026-03-02T11:00:00Z")
    calendar.book("atlas", "alan", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z")


def test_clash_is_detected_across_offsets() -> None:
    calendar = RoomCalendar()
    calendar.book("atlas", "ada", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z")
    # 10:15-10:45 in Berlin (UTC+1) is 09:15-09:45 UTC: inside Ada's booking.
    with pytest.raises(BookingError):
        calendar.book("atlas", "grace", "2026-03-02T10:15:00+01:00", "2026-03-02T10:45:00+01:00")


def test_bookings_are_listed_in_time_order_across_offsets() -> None:
    calendar = RoomCalendar()
    calendar.book("atlas", "ada", "2026-03-02T08:30:00Z", "2026-03-02T09:00:00Z")
    calendar.book("atlas", "grace", "2026-03-02T09:00:00+02:00", "2026-03-02T09:30:00+02:00")
    assert [b.organiser for b in calendar.bookings("atlas")] == ["grace", "ada"]
    assert calendar.bookings("atlas")[0].starts_at == utc(7)
