"""Hidden tests for the bounded ingest pool and its graceful shutdown.

Jobs block on events the test controls, so which jobs run and which wait is decided by the
test, not by timing. To see that a submitter is really waiting for room, the test watches its
stack: it has arrived once it is parked in a `threading` wait inside `ingest.pool`, or once
`submit` has returned. A pool that parks it some other way is inspected after a hang guard
instead, so no outcome depends on how fast this machine is.
"""

import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import ingest.pool as pool_module
from ingest.api import Upload, create_app
from ingest.pool import WorkerPool

HANG_GUARD = 5.0
PARK_GUARD = 2.0
POOL_FILE = Path(pool_module.__file__).resolve()
THREADING_FILE = Path(threading.__file__).resolve()


@dataclass
class GatedHandler:
    """Jobs named "hold*" wait for `release`; every job is recorded once it starts."""

    release: threading.Event = field(default_factory=threading.Event)
    started: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    running: threading.Semaphore = field(default_factory=lambda: threading.Semaphore(0))

    def __call__(self, job: str) -> str:
        with self.lock:
            self.started.append(job)
        self.running.release()
        if job.startswith("hold"):
            assert self.release.wait(HANG_GUARD), "the test never released the job"
        if job.startswith("bad"):
            raise ValueError(f"cannot ingest {job}")
        return job.upper()

    def wait_started(self, count: int) -> None:
        for _ in range(count):
            assert self.running.acquire(timeout=HANG_GUARD), "a job never started"


@dataclass
class InThread:
    """Runs `call` in a thread and keeps what it returned or raised."""

    call: Callable[[], object]
    result: object = None
    error: BaseException | None = None
    thread: threading.Thread = field(init=False)

    def __post_init__(self) -> None:
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.result = self.call()
        except BaseException as error:  # handed to the test thread
            self.error = error

    def join(self) -> None:
        self.thread.join(HANG_GUARD)
        assert not self.thread.is_alive(), "the call never returned"

    def wait_parked(self) -> None:
        """Until the call waits inside the pool, has returned, or the guard passes."""
        deadline = time.monotonic() + PARK_GUARD
        while time.monotonic() < deadline and self.thread.is_alive():
            if parked_in_pool(self.thread):
                return
            time.sleep(0.001)


def parked_in_pool(thread: threading.Thread) -> bool:
    frame = sys._current_frames().get(thread.ident or -1)
    if frame is None or Path(frame.f_code.co_filename).resolve() != THREADING_FILE:
        return False
    while frame is not None:
        if Path(frame.f_code.co_filename).resolve() == POOL_FILE:
            return True
        frame = frame.f_back
    return False


def parked_in_submit(thread: threading.Thread) -> bool:
    """Whether `thread` waits (in `threading`) inside a call of `WorkerPool.submit`."""
    frame = sys._current_frames().get(thread.ident or -1)
    if frame is None or Path(frame.f_code.co_filename).resolve() != THREADING_FILE:
        return False
    while frame is not None:
        in_pool = Path(frame.f_code.co_filename).resolve() == POOL_FILE
        if in_pool and frame.f_code.co_name == "submit":
            return True
        frame = frame.f_back
    return False


def wait_until_submit_parked_or_done(call: InThread) -> None:
    """Until some thread waits inside `submit`, `call` has returned, or the guard passes."""
    deadline = time.monotonic() + PARK_GUARD
    while time.monotonic() < deadline and call.thread.is_alive():
        if any(parked_in_submit(thread) for thread in threading.enumerate()):
            return
        time.sleep(0.001)


def parked_in_job(thread: threading.Thread) -> bool:
    """Whether `thread` waits (in `threading`) inside a call of a `GatedHandler`."""
    frame = sys._current_frames().get(thread.ident or -1)
    if frame is None or Path(frame.f_code.co_filename).resolve() != THREADING_FILE:
        return False
    while frame is not None:
        if frame.f_code is GatedHandler.__call__.__code__:
            return True
        frame = frame.f_back
    return False


def wait_until_all_in_jobs(threads: list[threading.Thread]) -> None:
    """Until every thread waits inside a held job, or the guard passes."""
    deadline = time.monotonic() + PARK_GUARD
    while time.monotonic() < deadline:
        if all(parked_in_job(thread) for thread in threads):
            return
        time.sleep(0.001)


@pytest.fixture
def handler() -> Iterator[GatedHandler]:
    handler = GatedHandler()
    yield handler
    handler.release.set()  # never leave a worker blocked behind a failed test


def shut_down_in_thread(pool: WorkerPool[str, str]) -> InThread:
    return InThread(pool.shutdown)


def full_pool(handler: GatedHandler) -> tuple[WorkerPool[str, str], list["Future[str]"]]:
    """One worker busy with "hold-0" and two jobs queued behind it: the queue is full."""
    pool: WorkerPool[str, str] = WorkerPool(handler, workers=1, max_queued=2)
    futures = [pool.submit("hold-0")]
    handler.wait_started(1)
    futures += [pool.submit("queued-1"), pool.submit("queued-2")]
    return pool, futures


# --- Existing behaviour ----------------------------------------------------------------------


def test_results_and_errors_land_in_the_futures(handler: GatedHandler) -> None:
    pool: WorkerPool[str, str] = WorkerPool(handler, workers=2)

    good, bad, after = pool.submit("a"), pool.submit("bad-b"), pool.submit("c")

    assert good.result(HANG_GUARD) == "A"
    with pytest.raises(ValueError, match="cannot ingest bad-b"):
        bad.result(HANG_GUARD)
    assert after.result(HANG_GUARD) == "C"
    pool.shutdown()


def test_workers_run_jobs_at_the_same_time() -> None:
    three_running = threading.Barrier(3, timeout=HANG_GUARD)

    def handle(job: str) -> int:
        return three_running.wait()  # breaks unless three jobs overlap

    pool: WorkerPool[str, int] = WorkerPool(handle, workers=3)
    futures = [pool.submit(f"job-{n}") for n in range(3)]

    assert sorted(f.result(HANG_GUARD) for f in futures) == [0, 1, 2]
    pool.shutdown()


def test_shutdown_waits_for_the_running_job(handler: GatedHandler) -> None:
    pool: WorkerPool[str, str] = WorkerPool(handler, workers=1)
    running = pool.submit("hold-0")
    handler.wait_started(1)

    stopping = shut_down_in_thread(pool)
    stopping.wait_parked()
    assert stopping.thread.is_alive(), "shutdown returned while a job was still running"
    handler.release.set()
    stopping.join()

    assert running.result(0) == "HOLD-0"


def test_shutdown_stops_the_workers(
    handler: GatedHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    crashes: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: crashes.append(args.exc_value))
    before = set(threading.enumerate())
    pool: WorkerPool[str, str] = WorkerPool(handler, workers=3)
    assert pool.submit("a").result(HANG_GUARD) == "A"

    pool.shutdown()

    assert [t for t in threading.enumerate() if t not in before] == []
    assert crashes == [], "a worker thread died of an exception instead of stopping"


def test_upload_endpoint_queues_the_upload(handler: GatedHandler) -> None:
    received: list[Upload] = []
    handled = threading.Event()

    def handle(upload: Upload) -> None:
        received.append(upload)
        handled.set()

    pool: WorkerPool[Upload, object] = WorkerPool(handle, workers=1)
    client = TestClient(create_app(pool))

    response = client.post("/uploads", json={"name": "a.csv", "content": "x,y"})
    # Shutting down at once would race the worker: a job not yet started is handed back unrun.
    assert handled.wait(HANG_GUARD), "the queued upload was never handled"
    pool.shutdown()

    assert (response.status_code, response.json()) == (202, {"status": "queued"})
    assert received == [Upload(name="a.csv", content="x,y")]


def test_a_job_cancelled_while_queued_never_runs(handler: GatedHandler) -> None:
    pool: WorkerPool[str, str] = WorkerPool(handler, workers=1)
    pool.submit("hold-0")
    handler.wait_started(1)
    dropped = pool.submit("dropped-1")

    assert dropped.cancel()
    handler.release.set()

    assert pool.submit("after-2").result(HANG_GUARD) == "AFTER-2"
    pool.shutdown()
    assert handler.started == ["hold-0", "after-2"]


# --- Backpressure ----------------------------------------------------------------------------


def test_submit_waits_while_the_queue_is_full(handler: GatedHandler) -> None:
    pool, futures = full_pool(handler)

    waiting = InThread(lambda: pool.submit("late-3"))
    waiting.wait_parked()
    assert waiting.thread.is_alive(), "submit returned although max_queued jobs were waiting"
    handler.release.set()
    waiting.join()

    assert isinstance(waiting.result, Future)
    assert waiting.result.result(HANG_GUARD) == "LATE-3"
    assert [f.result(HANG_GUARD) for f in futures] == ["HOLD-0", "QUEUED-1", "QUEUED-2"]
    pool.shutdown()


def test_submit_with_timeout_rejects_when_still_full(handler: GatedHandler) -> None:
    pool, futures = full_pool(handler)

    with pytest.raises(pool_module.PoolFull):
        pool.submit("rejected-now", timeout=0)
    with pytest.raises(pool_module.PoolFull):
        pool.submit("rejected-later", timeout=0.01)
    handler.release.set()

    assert [f.result(HANG_GUARD) for f in futures] == ["HOLD-0", "QUEUED-1", "QUEUED-2"]
    pool.shutdown()
    assert handler.started == ["hold-0", "queued-1", "queued-2"]


def test_running_jobs_do_not_count_as_queued(handler: GatedHandler) -> None:
    pool: WorkerPool[str, str] = WorkerPool(handler, workers=2, max_queued=1)
    pool.submit("hold-0"), pool.submit("hold-1")
    handler.wait_started(2)

    queued = pool.submit("queued-2", timeout=0)
    with pytest.raises(pool_module.PoolFull):
        pool.submit("queued-3", timeout=0)
    handler.release.set()

    assert queued.result(HANG_GUARD) == "QUEUED-2"
    pool.shutdown()


def test_room_freed_by_a_worker_lets_a_timed_submit_in(handler: GatedHandler) -> None:
    pool, _ = full_pool(handler)

    waiting = InThread(lambda: pool.submit("late-3", timeout=HANG_GUARD))
    waiting.wait_parked()
    handler.release.set()
    waiting.join()

    assert waiting.error is None
    assert isinstance(waiting.result, Future)
    assert waiting.result.result(HANG_GUARD) == "LATE-3"
    pool.shutdown()


def test_upload_endpoint_answers_503_when_the_pool_is_full(handler: GatedHandler) -> None:
    started = threading.Event()
    release = threading.Event()

    def ingest(upload: Upload) -> None:
        started.set()
        assert release.wait(HANG_GUARD)

    pool: WorkerPool[Upload, object] = WorkerPool(ingest, workers=1, max_queued=1)
    client = TestClient(create_app(pool))
    body = {"name": "a.csv", "content": "x,y"}
    assert client.post("/uploads", json=body).status_code == 202
    assert started.wait(HANG_GUARD)
    assert client.post("/uploads", json=body).status_code == 202

    refused = client.post("/uploads", json=body)
    release.set()
    pool.shutdown()

    assert refused.status_code == 503


def test_default_pool_runs_four_jobs_at_once(handler: GatedHandler) -> None:
    before = set(threading.enumerate())
    pool: WorkerPool[str, str] = WorkerPool(handler, max_queued=10)
    futures = [pool.submit(f"hold-{n}") for n in range(6)]
    handler.wait_started(4)

    wait_until_all_in_jobs([t for t in threading.enumerate() if t not in before])
    assert sorted(handler.started) == [f"hold-{n}" for n in range(4)]
    handler.release.set()
    assert [f.result(HANG_GUARD) for f in futures] == [f"HOLD-{n}" for n in range(6)]
    pool.shutdown()


def test_default_queue_holds_a_hundred_jobs(handler: GatedHandler) -> None:
    pool: WorkerPool[str, str] = WorkerPool(handler, workers=1)
    pool.submit("hold-0")
    handler.wait_started(1)

    for n in range(1, 101):
        pool.submit(f"queued-{n}", timeout=0)
    with pytest.raises(pool_module.PoolFull):
        pool.submit("queued-101", timeout=0)
    stopping = shut_down_in_thread(pool)
    stopping.wait_parked()
    handler.release.set()
    stopping.join()

    assert stopping.result == [f"queued-{n}" for n in range(1, 101)]


def test_upload_endpoint_does_not_wait_for_room(handler: GatedHandler) -> None:
    started = threading.Event()
    release = threading.Event()

    def ingest(upload: Upload) -> None:
        started.set()
        assert release.wait(HANG_GUARD)

    pool: WorkerPool[Upload, object] = WorkerPool(ingest, workers=1, max_queued=1)
    client = TestClient(create_app(pool))
    body = {"name": "a.csv", "content": "x,y"}
    client.post("/uploads", json=body)
    assert started.wait(HANG_GUARD)
    client.post("/uploads", json=body)

    posting = InThread(lambda: client.post("/uploads", json=body).status_code)
    wait_until_submit_parked_or_done(posting)
    release.set()  # frees room: an endpoint still waiting for it would now answer 202
    posting.join()
    pool.shutdown()

    assert posting.result == 503


# --- Graceful shutdown -----------------------------------------------------------------------


def test_shutdown_returns_unstarted_jobs_and_cancels_them(handler: GatedHandler) -> None:
    pool, futures = full_pool(handler)

    stopping = shut_down_in_thread(pool)
    stopping.wait_parked()
    handler.release.set()
    stopping.join()

    assert stopping.result == ["queued-1", "queued-2"]
    assert futures[0].result(0) == "HOLD-0"
    assert [f.cancelled() for f in futures] == [False, True, True]
    assert handler.started == ["hold-0"]


def test_submit_after_shutdown_is_refused(handler: GatedHandler) -> None:
    pool: WorkerPool[str, str] = WorkerPool(handler, workers=1)
    pool.shutdown()

    with pytest.raises(pool_module.PoolClosed):
        pool.submit("too-late")
    with pytest.raises(pool_module.PoolClosed):
        pool.submit("too-late", timeout=0)
    assert handler.started == []


def test_submitter_waiting_for_room_is_refused_at_shutdown(handler: GatedHandler) -> None:
    pool, _ = full_pool(handler)
    waiting = InThread(lambda: pool.submit("late-3"))
    waiting.wait_parked()

    stopping = shut_down_in_thread(pool)
    waiting.join()
    handler.release.set()
    stopping.join()

    assert isinstance(waiting.error, pool_module.PoolClosed)
    assert stopping.result == ["queued-1", "queued-2"]
    assert handler.started == ["hold-0"]


def test_second_shutdown_returns_nothing(handler: GatedHandler) -> None:
    pool, _ = full_pool(handler)
    handler.release.set()

    first = pool.shutdown()

    assert len(first) <= 2
    assert pool.shutdown() == []


def test_upload_endpoint_answers_503_after_shutdown(handler: GatedHandler) -> None:
    pool: WorkerPool[Upload, object] = WorkerPool(lambda upload: None, workers=1)
    client = TestClient(create_app(pool))
    pool.shutdown()

    response = client.post("/uploads", json={"name": "a.csv", "content": "x,y"})

    assert response.status_code == 503
