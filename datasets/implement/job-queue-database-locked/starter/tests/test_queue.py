import threading
from pathlib import Path

from jobs.db import connect
from jobs.models import JobStatus
from jobs.queue import JobQueue
from jobs.worker import Worker


def test_worker_runs_a_submitted_job(tmp_path: Path) -> None:
    queue = JobQueue(connect(tmp_path / "q.db"))
    seen: list[dict[str, object]] = []
    job_id = queue.enqueue("email", {"to": "ann@example.com"})

    assert Worker(queue, {"email": seen.append}, "w1").run_once() is True

    assert seen == [{"to": "ann@example.com"}]
    assert queue.get(job_id).status is JobStatus.DONE


def test_failing_handler_schedules_a_retry(tmp_path: Path) -> None:
    now = [100.0]
    queue = JobQueue(connect(tmp_path / "q.db"), retry_delay=10, clock=lambda: now[0])
    job_id = queue.enqueue("email", {})

    def broken(payload: dict[str, object]) -> None:
        raise RuntimeError("down")

    worker = Worker(queue, {"email": broken}, "w1")
    worker.run_once()

    job = queue.get(job_id)
    assert (job.status, job.attempts, job.last_error) == (JobStatus.QUEUED, 1, "RuntimeError: down")
    assert worker.run_once() is False
    now[0] += 10
    assert worker.run_once() is True


def test_main_loop_drains_the_queue_until_stopped(tmp_path: Path) -> None:
    queue = JobQueue(connect(tmp_path / "q.db"))
    stop = threading.Event()
    done: list[dict[str, object]] = []

    def handle(payload: dict[str, object]) -> None:
        done.append(payload)
        if len(done) == 2:
            stop.set()

    queue.enqueue("email", {"n": 1})
    queue.enqueue("email", {"n": 2})
    Worker(queue, {"email": handle}, "w1").run_until(stop, idle_wait=0)

    assert done == [{"n": 1}, {"n": 2}]
