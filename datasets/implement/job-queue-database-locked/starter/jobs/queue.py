"""The job queue: a table of jobs that the API adds to and workers claim from."""

import json
import sqlite3
import time
from collections.abc import Callable
from typing import Any

from jobs.models import Job, JobNotFound, JobStatus

Clock = Callable[[], float]

CLAIM_NEXT = """
UPDATE jobs SET status = 'running', worker_id = ?, attempts = attempts + 1
WHERE id = (
    SELECT id FROM jobs WHERE status = 'queued' AND run_after <= ? ORDER BY id LIMIT 1
)
"""


class JobQueue:
    """One process's handle on the queue, over that process's own connection.

    A failed job is retried after `retry_delay` seconds times its attempt count, until it has
    been attempted `max_attempts` times; then it is dead.
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        max_attempts: int = 3,
        retry_delay: float = 30.0,
        clock: Clock = time.time,
    ) -> None:
        self._connection = connection
        self._max_attempts = max_attempts
        self._retry_delay = retry_delay
        self._clock = clock

    def enqueue(self, kind: str, payload: dict[str, Any]) -> int:
        cursor = self._connection.execute(
            "INSERT INTO jobs (kind, payload) VALUES (?, ?)", (kind, json.dumps(payload))
        )
        self._connection.commit()
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def get(self, job_id: int) -> Job:
        row = self._connection.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise JobNotFound(job_id)
        return _job_from(row)

    def claim_next(self, worker_id: str) -> Job | None:
        """Marks the oldest ready job as running for `worker_id` and returns it."""
        cursor = self._connection.execute(CLAIM_NEXT, (worker_id, self._clock()))
        if cursor.rowcount == 0:
            return None
        row = self._connection.execute(
            "SELECT * FROM jobs WHERE status = 'running' AND worker_id = ? "
            "ORDER BY id DESC LIMIT 1",
            (worker_id,),
        ).fetchone()
        self._connection.commit()
        return _job_from(row)

    def complete(self, job_id: int) -> None:
        cursor = self._connection.execute(
            "UPDATE jobs SET status = 'done', last_error = NULL "
            "WHERE id = ? AND status = 'running'",
            (job_id,),
        )
        if cursor.rowcount == 0:
            raise JobNotFound(job_id)
        self._connection.commit()

    def fail(self, job_id: int, error: str) -> Job:
        """Records the error and schedules a retry, or marks the job dead when out of attempts."""
        job = self.get(job_id)
        if job.status is not JobStatus.RUNNING:
            raise JobNotFound(job_id)
        dead = job.attempts >= self._max_attempts
        self._connection.execute(
            "UPDATE jobs SET status = ?, last_error = ?, run_after = ?, worker_id = NULL "
            "WHERE id = ?",
            (
                JobStatus.DEAD.value if dead else JobStatus.QUEUED.value,
                error,
                self._clock() + self._retry_delay * job.attempts,
                job_id,
            ),
        )
        self._connection.commit()
        return self.get(job_id)

    def requeue_abandoned(self, worker_id: str) -> int:
        """Puts back the jobs a crashed run of `worker_id` left running; called at start-up."""
        cursor = self._connection.execute(
            "UPDATE jobs SET status = 'queued', worker_id = NULL "
            "WHERE status = 'running' AND worker_id = ?",
            (worker_id,),
        )
        if cursor.rowcount:
            self._connection.commit()
        return cursor.rowcount


def _job_from(row: sqlite3.Row) -> Job:
    return Job(
        id=row["id"],
        kind=row["kind"],
        payload=json.loads(row["payload"]),
        status=JobStatus(row["status"]),
        attempts=row["attempts"],
        last_error=row["last_error"],
    )
