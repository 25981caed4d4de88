import contextlib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from jobs.backfill import Chunk, plan_chunks, run_backfill
from jobs.checkpoints import JsonFileCheckpointStore

DAY = timedelta(days=1)


def day(n: int, hour: int = 0) -> datetime:
    return datetime(2024, 3, n, hour, tzinfo=UTC)


class DictCheckpoints:
    """A fake store implementing the port, with a log of saves."""

    def __init__(self) -> None:
        self.values: dict[str, datetime] = {}
        self.saves: list[tuple[str, datetime]] = []

    def load(self, job_id: str) -> datetime | None:
        return self.values.get(job_id)

    def save(self, job_id: str, completed_until: datetime) -> None:
        self.values[job_id] = completed_until
        self.saves.append((job_id, completed_until))


class FailingOn:
    """A process function that fails on the chunk starting at `failing_start`."""

    def __init__(self, failing_start: datetime | None) -> None:
        self.failing_start = failing_start
        self.seen: list[Chunk] = []

    def __call__(self, chunk: Chunk) -> None:
        if chunk.start == self.failing_start:
            raise RuntimeError(f"warehouse timeout on {chunk.start}")
        self.seen.append(chunk)


def test_plan_cuts_contiguous_half_open_chunks_and_truncates_the_last() -> None:
    chunks = plan_chunks(day(1), day(3, 12), DAY)
    assert chunks == [
        Chunk(day(1), day(2)),
        Chunk(day(2), day(3)),
        Chunk(day(3), day(3, 12)),
    ]


def test_plan_single_chunk_when_range_is_smaller_than_chunk() -> None:
    assert plan_chunks(day(1), day(1, 6), DAY) == [Chunk(day(1), day(1, 6))]


def test_plan_converts_boundaries_to_utc() -> None:
    tokyo = timezone(timedelta(hours=9))
    start, end = datetime(2024, 3, 1, 9, tzinfo=tokyo), datetime(2024, 3, 2, 9, tzinfo=tokyo)
    chunks = plan_chunks(start, end, timedelta(hours=12))
    assert chunks == [Chunk(day(1), day(1, 12)), Chunk(day(1, 12), day(2))]
    assert all(c.start.utcoffset() == timedelta(0) for c in chunks)
    assert all(c.end.utcoffset() == timedelta(0) for c in chunks)


@pytest.mark.parametrize(
    ("start", "end", "size"),
    [
        (datetime(2024, 3, 1), day(2), DAY),
        (day(1), datetime(2024, 3, 2), DAY),
        (day(2), day(1), DAY),
        (day(1), day(1), DAY),
        (day(1), day(2), timedelta(0)),
        (day(1), day(2), -DAY),
    ],
)
def test_invalid_ranges_are_rejected(start: datetime, end: datetime, size: timedelta) -> None:
    with pytest.raises(ValueError):
        plan_chunks(start, end, size)
    calls: list[Chunk] = []
    with pytest.raises(ValueError):
        run_backfill("job", start, end, size, calls.append, DictCheckpoints())
    assert calls == []


def test_run_processes_every_chunk_and_checkpoints_after_each() -> None:
    store = DictCheckpoints()
    order: list[str] = []

    def process(chunk: Chunk) -> None:
        order.append(f"process {chunk.end.day}")
        assert len(store.saves) == len(order) - 1  # previous chunk already checkpointed

    done = run_backfill("orders", day(1), day(4), DAY, process, store)
    assert done == plan_chunks(day(1), day(4), DAY)
    assert store.saves == [("orders", day(2)), ("orders", day(3)), ("orders", day(4))]


def test_failure_keeps_checkpoint_and_rerun_resumes_after_last_completed_chunk() -> None:
    store = DictCheckpoints()
    first_attempt = FailingOn(day(3))
    with pytest.raises(RuntimeError, match="warehouse timeout"):
        run_backfill("orders", day(1), day(5), DAY, first_attempt, store)
    assert first_attempt.seen == [Chunk(day(1), day(2)), Chunk(day(2), day(3))]
    assert store.load("orders") == day(3)

    second_attempt = FailingOn(None)
    done = run_backfill("orders", day(1), day(5), DAY, second_attempt, store)
    assert done == [Chunk(day(3), day(4)), Chunk(day(4), day(5))]
    assert second_attempt.seen == done
    assert store.load("orders") == day(5)


def test_rerun_of_a_finished_job_does_nothing() -> None:
    store = DictCheckpoints()
    run_backfill("orders", day(1), day(3), DAY, FailingOn(None), store)
    again = FailingOn(None)
    assert run_backfill("orders", day(1), day(3), DAY, again, store) == []
    assert again.seen == []


def test_resumed_chunks_are_cut_from_the_checkpoint() -> None:
    store = DictCheckpoints()
    store.values["orders"] = day(2, 6)
    done = run_backfill("orders", day(1), day(4), DAY, FailingOn(None), store)
    assert done == [Chunk(day(2, 6), day(3, 6)), Chunk(day(3, 6), day(4))]


def test_checkpoint_before_start_is_ignored() -> None:
    store = DictCheckpoints()
    store.values["orders"] = datetime(2024, 2, 1, tzinfo=UTC)
    done = run_backfill("orders", day(1), day(3), DAY, FailingOn(None), store)
    assert done == [Chunk(day(1), day(2)), Chunk(day(2), day(3))]


def test_jobs_have_independent_checkpoints() -> None:
    store = DictCheckpoints()
    run_backfill("orders", day(1), day(3), DAY, FailingOn(None), store)
    done = run_backfill("invoices", day(1), day(3), DAY, FailingOn(None), store)
    assert len(done) == 2


def test_file_store_survives_a_new_process(tmp_path: Path) -> None:
    path = tmp_path / "checkpoints.json"
    assert JsonFileCheckpointStore(path).load("orders") is None

    with pytest.raises(RuntimeError):
        run_backfill(
            "orders", day(1), day(4), DAY, FailingOn(day(2)), JsonFileCheckpointStore(path)
        )
    restarted = JsonFileCheckpointStore(path)
    loaded = restarted.load("orders")
    assert loaded == day(2)
    assert loaded is not None and loaded.utcoffset() is not None

    done = run_backfill("orders", day(1), day(4), DAY, FailingOn(None), restarted)
    assert done == [Chunk(day(2), day(3)), Chunk(day(3), day(4))]


def test_file_store_keeps_other_jobs(tmp_path: Path) -> None:
    path = tmp_path / "checkpoints.json"
    JsonFileCheckpointStore(path).save("orders", day(2))
    JsonFileCheckpointStore(path).save("invoices", day(3, 12))
    JsonFileCheckpointStore(path).save("orders", day(4))

    store = JsonFileCheckpointStore(path)
    assert store.load("orders") == day(4)
    assert store.load("invoices") == day(3, 12)
    assert store.load("refunds") is None


def test_file_store_save_crash_leaves_previous_checkpoint_readable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "checkpoints.json"
    JsonFileCheckpointStore(path).save("orders", day(2))
    original_write_text = Path.write_text

    def crash_halfway(self: Path, data: str, *args: object, **kwargs: object) -> int:
        original_write_text(self, data[: len(data) // 2])
        raise OSError("disk full")

    monkeypatch.setattr(Path, "write_text", crash_halfway)
    with contextlib.suppress(OSError):
        JsonFileCheckpointStore(path).save("orders", day(3))
    monkeypatch.undo()

    assert JsonFileCheckpointStore(path).load("orders") == day(2)
