"""Medication reminders for the patient app.

A patient takes a medication at fixed local times every day ("08:00 and 20:00", in the patient's
IANA time zone). The push service needs the reminders as UTC instants. A dose time that does not
exist on a spring-forward day is sent an hour later; one that occurs twice on a fall-back day is
sent at its first occurrence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from itertools import count
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MAX_DOSES_PER_DAY = 12


class InvalidSchedule(ValueError):
    pass


@dataclass(frozen=True)
class DoseSchedule:
    medication: str
    times: tuple[time, ...]
    zone: str
    starts_on: date
    ends_on: date | None = None

    def __post_init__(self) -> None:
        if not self.times or len(self.times) > MAX_DOSES_PER_DAY:
            raise InvalidSchedule(f"between 1 and {MAX_DOSES_PER_DAY} dose times a day")
        if len(set(self.times)) != len(self.times):
            raise InvalidSchedule("dose times must be different")
        if any(t.tzinfo is not None for t in self.times):
            raise InvalidSchedule("dose times are local wall-clock times, without a zone")
        try:
            ZoneInfo(self.zone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise InvalidSchedule(f"unknown time zone {self.zone!r}") from exc
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise InvalidSchedule("the schedule ends before it starts")
        object.__setattr__(self, "times", tuple(sorted(self.times)))


@dataclass(frozen=True)
class Reminder:
    medication: str
    at: datetime
    """When to send the push notification (UTC)."""
    local_time: datetime
    """The same instant on the patient's clock, for the notification text."""


def _dose_instants(schedule: DoseSchedule, first_day: date) -> Iterator[datetime]:
    """Every dose of the schedule from `first_day` on, in order, as UTC instants."""
    zone = ZoneInfo(schedule.zone)
    first_doses = [
        datetime.combine(first_day, dose_time, tzinfo=zone).astimezone(timezone.utc)
        for dose_time in schedule.times
    ]
    for days in count():
        day = first_day + timedelta(days=days)
        if schedule.ends_on is not None and day > schedule.ends_on:
            return
        for first_dose in first_doses:
            yield first_dose + timedelta(days=days)


def _first_day(schedule: DoseSchedule, instant: datetime) -> date:
    if instant.tzinfo is None:
        raise ValueError("instants must be timezone-aware")
    return max(schedule.starts_on, instant.astimezone(ZoneInfo(schedule.zone)).date())


def _reminder(schedule: DoseSchedule, at: datetime) -> Reminder:
    return Reminder(schedule.medication, at, at.astimezone(ZoneInfo(schedule.zone)))


def upcoming(schedule: DoseSchedule, after: datetime, limit: int) -> list[Reminder]:
    """The next `limit` reminders strictly after `after` (fewer if the schedule ends first)."""
    reminders: list[Reminder] = []
    if limit <= 0:
        return reminders
    for at in _dose_instants(schedule, _first_day(schedule, after)):
        if at > after:
            reminders.append(_reminder(schedule, at))
            if len(reminders) == limit:
                break
    return reminders


def between(schedule: DoseSchedule, start: datetime, end: datetime) -> list[Reminder]:
    """The reminders from `start` (inclusive) to `end` (exclusive), e.g. for the "today" view."""
    reminders: list[Reminder] = []
    for at in _dose_instants(schedule, _first_day(schedule, start)):
        if at >= end:
            break
        if at >= start:
            reminders.append(_reminder(schedule, at))
    return reminders
