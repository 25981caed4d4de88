from datetime import date, datetime, time, timezone

import pytest

from meds.schedule import DoseSchedule, InvalidSchedule, between, upcoming


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=timezone.utc)


def twice_daily(zone: str, starts_on: date, ends_on: date | None = None) -> DoseSchedule:
    return DoseSchedule("metformin", (time(20, 0), time(8, 0)), zone, starts_on, ends_on)


def test_doses_are_sent_at_the_patients_local_times() -> None:
    schedule = twice_daily("Europe/Amsterdam", date(2025, 1, 10))
    reminders = upcoming(schedule, utc(2025, 1, 10, 12, 0), 3)
    assert [r.at for r in reminders] == [
        utc(2025, 1, 10, 19, 0), utc(2025, 1, 11, 7, 0), utc(2025, 1, 11, 19, 0)
    ]
    assert reminders[0].local_time.hour == 20


def test_schedule_start_and_end_are_respected() -> None:
    schedule = twice_daily("Asia/Tokyo", date(2025, 2, 1), ends_on=date(2025, 2, 2))
    reminders = upcoming(schedule, utc(2025, 1, 20), 10)
    assert [r.local_time.date() for r in reminders] == [date(2025, 2, 1)] * 2 + [date(2025, 2, 2)] * 2


def test_bad_schedules_are_rejected() -> None:
    with pytest.raises(InvalidSchedule):
        DoseSchedule("x", (time(8), time(8)), "Europe/Amsterdam", date(2025, 1, 1))
    with pytest.raises(InvalidSchedule):
        DoseSchedule("x", (time(8),), "Mars/Olympus", date(2025, 1, 1))
    with pytest.raises(ValueError):
        upcoming(twice_daily("UTC", date(2025, 1, 1)), datetime(2025, 1, 1), 1)


@pytest.mark.parametrize(
    ("zone", "after"),
    [
        ("Europe/Amsterdam", utc(2025, 3, 28, 0, 0)),  # clocks go forward on 30 March
        ("America/New_York", utc(2025, 10, 31, 12, 0)),  # and back on 2 November
    ],
)
def test_local_dose_times_survive_a_daylight_saving_change(zone: str, after: datetime) -> None:
    schedule = twice_daily(zone, after.date())
    reminders = upcoming(schedule, after, 12)
    local_times = [(r.local_time.hour, r.local_time.minute) for r in reminders]
    assert local_times == [(8, 0), (20, 0)] * 6 or local_times == [(20, 0), (8, 0)] * 6, (
        f"doses drifted off the patient's clock after the DST change: {local_times}"
    )


def test_between_lists_one_local_day_across_the_change() -> None:
    schedule = twice_daily("Europe/Amsterdam", date(2025, 3, 1))
    day = between(schedule, utc(2025, 3, 29, 23, 0), utc(2025, 3, 30, 22, 0))  # 30 March, local
    assert [r.at for r in day] == [utc(2025, 3, 30, 6, 0), utc(2025, 3, 30, 18, 0)]
