import os
import time
from collections.abc import Iterator
from datetime import date, datetime, timezone

import pytest

from metering.usage import DailyUsage, UsageEvent, daily_usage


def ts(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc).timestamp()


@pytest.fixture(params=["UTC", "Asia/Tokyo", "America/Los_Angeles"])
def host_timezone(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run the job as if the host clock were configured for the given zone."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


def test_events_are_grouped_by_utc_day(host_timezone: str) -> None:
    events = [
        UsageEvent("acme", ts("2024-03-10T00:30:00"), 5),
        UsageEvent("acme", ts("2024-03-10T23:30:00"), 7),
        UsageEvent("acme", ts("2024-03-11T12:00:00"), 1),
        UsageEvent("zeta", ts("2024-03-10T15:00:00"), 2),
    ]
    assert daily_usage(events, 2024, 3) == [
        DailyUsage("acme", date(2024, 3, 10), 12),
        DailyUsage("acme", date(2024, 3, 11), 1),
        DailyUsage("zeta", date(2024, 3, 10), 2),
    ]


def test_month_edges_stay_inside_the_billing_month(host_timezone: str) -> None:
    events = [
        UsageEvent("acme", ts("2024-02-29T23:59:59"), 100),
        UsageEvent("acme", ts("2024-03-01T00:00:00"), 1),
        UsageEvent("acme", ts("2024-03-31T23:59:59"), 2),
        UsageEvent("acme", ts("2024-04-01T00:00:00"), 100),
    ]
    assert daily_usage(events, 2024, 3) == [
        DailyUsage("acme", date(2024, 3, 1), 1),
        DailyUsage("acme", date(2024, 3, 31), 2),
    ]


def test_december_rolls_over_to_january() -> None:
    events = [UsageEvent("acme", ts("2024-12-31T12:00:00"), 3),
              UsageEvent("acme", ts("2025-01-01T00:00:00"), 9)]
    assert daily_usage(events, 2024, 12) == [DailyUsage("acme", date(2024, 12, 31), 3)]
