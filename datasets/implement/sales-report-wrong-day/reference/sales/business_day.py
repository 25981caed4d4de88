"""A store's business day is its local calendar day, not the UTC one.

Orders are stored in UTC, so a day's orders are those between the store's two local midnights,
each converted on its own: across a daylight-saving change a day lasts 23 or 25 hours, so
neither a fixed offset nor "midnight plus 24 hours" finds the second midnight.
"""

from datetime import date, datetime, time, timedelta, tzinfo


def day_bounds(day: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """[start, end) of `day` in `zone`, as aware datetimes."""
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def local_day(moment: datetime, zone: tzinfo) -> date:
    """The business day, in `zone`, that an aware `moment` falls on."""
    return moment.astimezone(zone).date()
