"""Business days: a sale belongs to the calendar day on the wall clock of the store that made
it, a day running from one local midnight to the next.

Timestamps are stored in UTC, so a store's day is a UTC range that depends on its zone, and on
the days the clocks change it is 23 or 25 hours long, not 24. Never take `.date()` of a UTC
timestamp (or SQLite's `date()` of a stored one) as the day of a sale.
"""

from datetime import UTC, date, datetime, time, timedelta, tzinfo


def start_of_day(day: date, zone: tzinfo) -> datetime:
    """The first instant (in UTC) of `day` in `zone`.

    That is local midnight; where the clocks jump forward over midnight, so that the day
    begins later on the wall clock, Python's reading of the missing time (with the offset in
    force before the jump) lands exactly on the jump, which is when that day begins.
    """
    return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)


def day_range(first_day: date, last_day: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """[start, end) in UTC covering the local days `first_day` to `last_day` inclusive."""
    return start_of_day(first_day, zone), start_of_day(last_day + timedelta(days=1), zone)


def business_day(moment: datetime, zone: tzinfo) -> date:
    """The local calendar day in `zone` of an aware `moment`."""
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(zone).date()
