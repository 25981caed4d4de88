"""The worker must never leave the API locked out of the queue database."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jobs.api import create_app
from jobs.db import connect
from jobs.models import JobNotFound, JobStatus
from jobs.queue import JobQueue
from jobs.worker import Worker


@dataclass
class Clock:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Handlers:
    seen: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def email(self, payload: dict[str, Any]) -> None:
        self.seen.append(("email", payload))

    def flaky(self, payload: dict[str, Any]) -> None:
        self.seen.append(("flaky", payload))
        raise ValueError("smtp said no")


@dataclass
class Setup:
    database: Path
    clock: Clock
    queue: JobQueue
    handlers: Handlers
    api: TestClient

    def worker(self, worker_id: str = "w1") -> Worker:
        handlers = {"email": self.handlers.email, "flaky": self.handlers.flaky}
        return Worker(self.queue, handlers, worker_id)

    def submit(self, kind: str = "email", **payload: Any) -> int:
        response = self.api.post("/jobs", json={"kind": kind, "payload": payload})
        assert response.status_code == 201
        job_id: int = response.json()["id"]
        return job_id

    def status(self, job_id: int) -> dict[str, Any]:
        response = self.api.get(f"/jobs/{job_id}")
        assert response.status_code == 200
        body: dict[str, Any] = response.json()
        return body


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    database = tmp_path / "queue.db"
    clock = Clock()
    connection = connect(database)
    # The API waits for no lock at all, so a lock the worker leaves behind fails at once
    # instead of after the production timeout.
    with TestClient(create_app(database, busy_timeout=0)) as api:
        yield Setup(database, clock, JobQueue(connection, clock=clock), Handlers(), api)
    connection.close()


def other_process_queue(database: Path) -> JobQueue:
    return JobQueue(connect(database, busy_timeout=0))


# --- fail-to-pass: the API locked out ----------------------------------------------------


def test_idle_worker_does_not_lock_out_job_submission(setup: Setup) -> None:
    worker = setup.worker()
    assert worker.run_once() is False

    job_id = setup.submit(to="ann@example.com")

    assert worker.run_once() is True
    assert setup.handlers.seen == [("email", {"to": "ann@example.com"})]
    assert setup.status(job_id)["status"] == "done"


def test_worker_start_with_nothing_to_recover_does_not_lock_out_submission(setup: Setup) -> None:
    assert setup.worker().start() == 0

    job_id = setup.submit()

    assert setup.status(job_id)["status"] == "queued"


def test_only_delayed_retries_left_does_not_lock_out_submission(setup: Setup) -> None:
    flaky = setup.submit("flaky")
    worker = setup.worker()
    assert worker.run_once() is True
    assert worker.run_once() is False

    fresh = setup.submit()

    assert setup.status(flaky)["status"] == "queued"
    assert worker.run_once() is True
    assert setup.status(fresh)["status"] == "done"


@pytest.mark.parametrize("state", ["unknown", "done", "queued"])
def test_completing_a_job_that_is_not_running_raises_without_locking(
    setup: Setup, state: str
) -> None:
    job_id = 999 if state == "unknown" else setup.submit()
    if state == "done":
        setup.worker().run_once()

    with pytest.raises(JobNotFound) as raised:
        setup.queue.complete(job_id)

    assert raised.value.job_id == job_id
    other_process_queue(setup.database).enqueue("email", {})
    if state != "unknown":
        assert setup.status(job_id)["status"] == state


def test_another_worker_process_can_claim_after_an_idle_poll(setup: Setup) -> None:
    setup.worker("w1").run_once()
    setup.submit()
    second = other_process_queue(setup.database)

    job = second.claim_next("w2")

    assert job is not None and job.status is JobStatus.RUNNING


# --- pass-to-pass: the queue as it works today -------------------------------------------


def test_jobs_run_in_submission_order_with_their_payload(setup: Setup) -> None:
    first, second = setup.submit(n=1), setup.submit(n=2)
    worker = setup.worker()

    assert (worker.run_once(), worker.run_once()) == (True, True)

    assert setup.handlers.seen == [("email", {"n": 1}), ("email", {"n": 2})]
    assert setup.status(first) == {
        "id": first,
        "kind": "email",
        "status": "done",
        "attempts": 1,
        "last_error": None,
    }
    assert setup.status(second)["status"] == "done"


def test_failed_job_is_retried_later_and_dies_after_max_attempts(setup: Setup) -> None:
    job_id = setup.submit("flaky")
    worker = setup.worker()
    for attempt, delay in [(1, 30.0), (2, 60.0)]:
        assert worker.run_once() is True
        assert setup.status(job_id) == {
            "id": job_id,
            "kind": "flaky",
            "status": "queued",
            "attempts": attempt,
            "last_error": "ValueError: smtp said no",
        }
        setup.clock.now += delay - 0.5
        assert worker.run_once() is False
        setup.clock.now += 0.5

    assert worker.run_once() is True

    assert setup.status(job_id)["status"] == "dead"
    assert setup.status(job_id)["attempts"] == 3
    setup.clock.now += 10_000
    assert worker.run_once() is False


def test_job_of_an_unknown_kind_fails_with_a_clear_error(setup: Setup) -> None:
    job_id = setup.submit("resize")

    assert setup.worker().run_once() is True

    assert setup.status(job_id)["last_error"] == "no handler for 'resize'"
    assert setup.status(job_id)["status"] == "queued"


def test_start_requeues_only_this_workers_abandoned_jobs(setup: Setup) -> None:
    mine, theirs, waiting = setup.submit(n=1), setup.submit(n=2), setup.submit(n=3)
    claimed = [setup.queue.claim_next("w1"), setup.queue.claim_next("w2")]
    assert [job.id for job in claimed if job is not None] == [mine, theirs]

    assert setup.worker("w1").start() == 1

    statuses = [setup.status(job_id)["status"] for job_id in (mine, theirs, waiting)]
    assert statuses == ["queued", "running", "queued"]
    assert setup.queue.get(mine).attempts == 1


def test_claimed_job_is_running_for_its_worker(setup: Setup) -> None:
    job_id = setup.submit(to="bo")

    job = setup.queue.claim_next("w1")

    assert job is not None
    assert (job.id, job.kind, job.payload, job.status, job.attempts) == (
        job_id,
        "email",
        {"to": "bo"},
        JobStatus.RUNNING,
        1,
    )
    assert setup.queue.claim_next("w2") is None


def test_failing_a_job_that_is_not_running_raises(setup: Setup) -> None:
    job_id = setup.submit()

    with pytest.raises(JobNotFound):
        setup.queue.fail(job_id, "nope")
    with pytest.raises(JobNotFound):
        setup.queue.fail(12345, "nope")

    assert setup.status(job_id)["status"] == "queued"


def test_api_rejects_bad_requests(setup: Setup) -> None:
    assert setup.api.get("/jobs/4242").status_code == 404
    assert setup.api.post("/jobs", json={"kind": "", "payload": {}}).status_code == 422
