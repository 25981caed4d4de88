from datetime import UTC, datetime, timedelta, timezone

import pytest
from streaming.windows import Event, TumblingWindowAggregator, WindowResult

FIVE_MINUTES = timedelta(minutes=5)


def at(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2024, 5, 1, hour, minute, second, tzinfo=UTC)


def reading(key: str, when: datetime, value: float = 1.0) -> Event:
    return Event(key=key, value=value, event_time=when)


def result(key: str, start: datetime, count: int, total: float) -> WindowResult:
    return WindowResult(key, start, start + FIVE_MINUTES, count, total)


def test_events_in_one_window_are_summed_on_flush() -> None:
    agg = TumblingWindowAggregator(FIVE_MINUTES, timedelta(0))
    assert agg.add(reading("s1", at(10, 1), 2.0)) == []
    assert agg.add(reading("s1", at(10, 4, 59), 3.5)) == []

    assert agg.flush() == [result("s1", at(10, 0), 2, 5.5)]
    assert agg.flush() == []


def test_windows_are_epoch_aligned_and_reported_in_utc() -> None:
    agg = TumblingWindowAggregator(timedelta(minutes=7), timedelta(0))
    agg.add(reading("s1", at(10, 0)))
    [window] = agg.flush()
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    expected_start = epoch + ((at(10, 0) - epoch) // timedelta(minutes=7)) * timedelta(minutes=7)
    assert window.window_start == expected_start
    assert window.window_end == expected_start + timedelta(minutes=7)
    assert window.window_start.utcoffset() == timedelta(0)


def test_events_with_other_offsets_are_placed_by_instant() -> None:
    agg = TumblingWindowAggregator(FIVE_MINUTES, timedelta(0))
    paris = timezone(timedelta(hours=2))
    agg.add(reading("s1", datetime(2024, 5, 1, 12, 7, 30, tzinfo=paris)))
    agg.add(reading("s1", at(10, 9, 59)))
    assert agg.flush() == [result("s1", at(10, 5), 2, 2.0)]


def test_keys_are_aggregated_separately_and_sorted() -> None:
    agg = TumblingWindowAggregator(FIVE_MINUTES, timedelta(minutes=10))
    agg.add(reading("zeta", at(10, 1), 1))
    agg.add(reading("alpha", at(10, 2), 10))
    agg.add(reading("zeta", at(10, 6), 100))
    agg.add(reading("alpha", at(10, 3), 1000))
    assert agg.flush() == [
        result("alpha", at(10, 0), 2, 1010),
        result("zeta", at(10, 0), 1, 1),
        result("zeta", at(10, 5), 1, 100),
    ]


def test_window_is_emitted_when_watermark_reaches_its_end() -> None:
    agg = TumblingWindowAggregator(FIVE_MINUTES, timedelta(0))
    agg.add(reading("s1", at(10, 1)))
    assert agg.add(reading("s1", at(10, 4, 59))) == []
    # The event at exactly 10:05 closes [10:00, 10:05) and lands in the next window.
    assert agg.add(reading("s2", at(10, 5))) == [result("s1", at(10, 0), 2, 2.0)]
    assert agg.flush() == [result("s2", at(10, 5), 1, 1.0)]


def test_late_event_within_allowed_lateness_is_counted() -> None:
    agg = TumblingWindowAggregator(FIVE_MINUTES, timedelta(minutes=2))
    agg.add(reading("s1", at(10, 1), 1))
    assert agg.add(reading("s1", at(10, 6), 1)) == []
    assert agg.add(reading("s1", at(10, 3), 5)) == []  # late, but within 2 minutes
    assert agg.dead_letters == []

    closed = agg.add(reading("s1", at(10, 7)))
    assert closed == [result("s1", at(10, 0), 2, 6)]


def test_event_beyond_lateness_goes_to_dead_letters() -> None:
    agg = TumblingWindowAggregator(FIVE_MINUTES, timedelta(minutes=1))
    agg.add(reading("s1", at(10, 2), 1))
    assert agg.add(reading("s1", at(10, 6), 1)) == [result("s1", at(10, 0), 1, 1)]

    straggler = reading("s1", at(10, 4), 50)
    assert agg.add(straggler) == []
    assert agg.dead_letters == [straggler]
    assert agg.flush() == [result("s1", at(10, 5), 1, 1)]


def test_closing_boundary_is_end_plus_lateness_inclusive() -> None:
    agg = TumblingWindowAggregator(FIVE_MINUTES, timedelta(minutes=1))
    agg.add(reading("s1", at(10, 5, 59)))  # watermark one second before 10:00 window closes
    on_time = reading("s1", at(10, 0), 1)
    assert agg.add(on_time) == []
    assert agg.dead_letters == []

    emitted = agg.add(reading("s1", at(10, 6)))  # watermark == 10:05 + 1 min: closed now
    assert emitted == [result("s1", at(10, 0), 1, 1)]
    too_late = reading("s1", at(10, 4, 59))
    assert agg.add(too_late) == []
    assert agg.dead_letters == [too_late]


def test_late_event_for_a_key_without_a_window_is_still_dead() -> None:
    agg = TumblingWindowAggregator(FIVE_MINUTES, timedelta(0))
    agg.add(reading("s1", at(10, 20)))
    newcomer = reading("s2", at(10, 1))
    assert agg.add(newcomer) == []
    assert agg.dead_letters == [newcomer]
    assert agg.flush() == [result("s1", at(10, 20), 1, 1.0)]


def test_late_events_do_not_move_the_watermark_back() -> None:
    agg = TumblingWindowAggregator(FIVE_MINUTES, timedelta(minutes=5))
    agg.add(reading("s1", at(10, 1)))
    assert agg.add(reading("s1", at(10, 12))) == [result("s1", at(10, 0), 1, 1.0)]
    assert agg.add(reading("s1", at(10, 8))) == []  # late, accepted into [10:05, 10:10)
    # The watermark is still 10:12, so [10:00, 10:05) stays closed.
    straggler = reading("s1", at(10, 4))
    assert agg.add(straggler) == []
    assert agg.dead_letters == [straggler]
    assert agg.add(reading("s1", at(10, 14, 59))) == []
    assert agg.add(reading("s1", at(10, 15))) == [result("s1", at(10, 5), 1, 1.0)]


def test_one_event_can_close_several_windows_in_order() -> None:
    agg = TumblingWindowAggregator(FIVE_MINUTES, timedelta(minutes=20))
    agg.add(reading("b", at(10, 6)))
    agg.add(reading("a", at(10, 7)))
    agg.add(reading("b", at(10, 11)))
    assert agg.add(reading("a", at(10, 14))) == []
    closed = agg.add(reading("a", at(11, 0)))
    assert closed == [
        result("a", at(10, 5), 1, 1.0),
        result("b", at(10, 5), 1, 1.0),
        result("a", at(10, 10), 1, 1.0),
        result("b", at(10, 10), 1, 1.0),
    ]
    assert agg.flush() == [result("a", at(11, 0), 1, 1.0)]


def test_naive_event_time_is_rejected() -> None:
    agg = TumblingWindowAggregator(FIVE_MINUTES, timedelta(0))
    with pytest.raises(ValueError):
        agg.add(reading("s1", datetime(2024, 5, 1, 10, 0)))
    assert agg.flush() == []


@pytest.mark.parametrize(
    ("size", "lateness"),
    [(timedelta(0), timedelta(0)), (-FIVE_MINUTES, timedelta(0)), (FIVE_MINUTES, -FIVE_MINUTES)],
)
def test_invalid_configuration_is_rejected(size: timedelta, lateness: timedelta) -> None:
    with pytest.raises(ValueError):
        TumblingWindowAggregator(size, lateness)
