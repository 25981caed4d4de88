import builtins
import contextlib
import errno
import io
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

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


class SimulatedCrash(OSError):
    pass


class Crash:
    """Kills a save at one point, whatever API it uses.

    "write": the first write to any file (open, io.open, Path.write_text / write_bytes / open,
    os.fdopen, tempfile, os.write) stores half its data, then crashes. "rename": the first
    rename (os.replace, os.rename, Path.replace / rename, shutil.move) crashes before renaming.
    Once crashed, every later write, rename or delete fails too: nothing runs after a crash.
    """

    def __init__(self, point: str) -> None:
        self.point, self.crashed = point, False

    def half_write(self, write: Callable[[Any], Any], data: Any) -> int:
        """Writes half of `data` (unless already crashed), then crashes."""
        if not self.crashed:
            self.crashed = True
            write(data[: len(data) // 2])
        raise SimulatedCrash(errno.ENOSPC, "simulated crash halfway through a write")

    def check_alive(self) -> None:
        if self.crashed:
            raise SimulatedCrash(errno.EIO, "the process has crashed")

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        original_open, original_write = io.open, os.write

        def crashing_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            writing = any(flag in mode for flag in "wax+")
            if writing:
                self.check_alive()
            opened = original_open(file, mode, *args, **kwargs)
            return CrashingFile(opened, self) if writing and self.point == "write" else opened

        def crashing_write(fd: int, data: Any) -> int:
            self.check_alive()
            if self.point != "write":
                return original_write(fd, data)
            return self.half_write(lambda half: original_write(fd, half), data)

        monkeypatch.setattr(builtins, "open", crashing_open)
        monkeypatch.setattr(io, "open", crashing_open)
        monkeypatch.setattr(os, "write", crashing_write)
        for name in ("replace", "rename"):
            monkeypatch.setattr(os, name, self._crashing(getattr(os, name), self.point == "rename"))
        for name in ("remove", "unlink"):
            monkeypatch.setattr(os, name, self._crashing(getattr(os, name), crashes_now=False))

    def _crashing(self, original: Callable[..., Any], crashes_now: bool) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            self.check_alive()
            if crashes_now:
                self.crashed = True
                raise SimulatedCrash(errno.EIO, f"simulated crash in {original.__name__}")
            return original(*args, **kwargs)

        return wrapper


class CrashingFile:
    """A file opened for writing whose first write stores half its data, then crashes."""

    def __init__(self, inner: Any, crash: Crash) -> None:
        self._inner, self._crash = inner, crash

    def write(self, data: Any) -> int:
        def write_and_flush(half: Any) -> None:
            self._inner.write(half)
            self._inner.flush()

        return self._crash.half_write(write_and_flush, data)

    def writelines(self, lines: Any) -> None:
        chunks = list(lines)
        self.write(chunks[0][:0].join(chunks) if chunks else "")

    def __enter__(self) -> "CrashingFile":
        self._inner.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> Any:
        return self._inner.__exit__(*exc_info)

    def __iter__(self) -> Any:
        return iter(self._inner)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@pytest.mark.parametrize("point", ["write", "rename"])
def test_file_store_save_crash_leaves_the_previous_or_the_new_checkpoint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, point: str
) -> None:
    """Whatever a crash interrupts, the file holds every job's old or new checkpoint."""
    path = tmp_path / "checkpoints.json"
    JsonFileCheckpointStore(path).save("orders", day(2))
    JsonFileCheckpointStore(path).save("invoices", day(5))

    with monkeypatch.context() as patched:
        Crash(point).install(patched)
        with contextlib.suppress(OSError):
            JsonFileCheckpointStore(path).save("orders", day(3))

    after_crash = JsonFileCheckpointStore(path)
    assert after_crash.load("orders") in (day(2), day(3))
    assert after_crash.load("invoices") == day(5)
    after_crash.save("orders", day(4))  # and the store still works after the restart
    assert JsonFileCheckpointStore(path).load("orders") == day(4)
    assert JsonFileCheckpointStore(path).load("invoices") == day(5)
