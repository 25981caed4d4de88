"""The job queue: a table of jobs that the API adds to and workers claim from.

Every method that writes runs in its own short transaction that is always ended before the
method returns: committed when it succeeds, rolled back when it raises (JobNotFound included)
or finds nothing to do. The API and the workers are separate processes sharing one SQLite file,
so a transaction left open on one connection keeps the database locked for all the others.
(Python's sqlite3 opens a transaction implicitly before any UPDATE/INSERT, even one that
changes no row; that transaction holds the write lock until commit() or rollback().)
"""

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from jobs.models import Job, JobNotFound, JobStatus

Clock = Callable[[], float]

NEXT_READY = "SELECT id FROM jobs WHERE status = 'queued' AND run_after <= ? ORDER BY id LIMIT 1"

CLAIM = """
UPDATE jobs SET status = 'running', worker_id = ?, attempts = attempts + 1
WHERE id = ? AND status = 'queued'
"""

FAIL = """
UPDATE jobs SET
    status = CASE WHEN attempts >= ? THEN 'dead' ELSE 'queued' END,
    last_error = ?,
    run_after = ? + ? * attempts,
    worker_id = NULL
WHERE id = ? AND status = 'running'
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
        with self._write() as connection:
            cursor = connection.execute(
                "INSERT INTO jobs (kind, payload) VALUES (?, ?)", (kind, json.dumps(payload))
            )
            job_id = cursor.lastrowid
        assert job_id is not None
        return job_id

    def get(self, job_id: int) -> Job:
        row = self._fetch_one("SELECT * FROM jobs WHERE id = ?", (job_id,))
        if row is None:
            raise JobNotFound(job_id)
        return _job_from(row)

    def claim_next(self, worker_id: str) -> Job | None:
        """Marks the oldest ready job as running for `worker_id` and returns it."""
        with self._write() as connection:
            ready = self._fetch_one(NEXT_READY, (self._clock(),))
            if ready is None:
                return None
            cursor = connection.execute(CLAIM, (worker_id, ready["id"]))
            if cursor.rowcount == 0:  # cannot happen inside the write transaction; be safe
                return None
            row = self._fetch_one("SELECT * FROM jobs WHERE id = ?", (ready["id"],))
        assert row is not None
        return _job_from(row)

    def complete(self, job_id: int) -> None:
        with self._write() as connection:
            cursor = connection.execute(
                "UPDATE jobs SET status = 'done', last_error = NULL "
                "WHERE id = ? AND status = 'running'",
                (job_id,),
            )
            if cursor.rowcount == 0:
                raise JobNotFound(job_id)

    def fail(self, job_id: int, error: str) -> Job:
        """Records the error and schedules a retry, or marks the job dead when out of attempts."""
        with self._write() as connection:
            cursor = connection.execute(
                FAIL,
                (self._max_attempts, error, self._clock(), self._retry_delay, job_id),
            )
            if cursor.rowcount == 0:
                raise JobNotFound(job_id)
        return self.get(job_id)

    def requeue_abandoned(self, worker_id: str) -> int:
        """Puts back the jobs a crashed run of `worker_id` left running; called at start-up."""
        with self._write() as connection:
            cursor = connection.execute(
                "UPDATE jobs SET status = 'queued', worker_id = NULL "
                "WHERE status = 'running' AND worker_id = ?",
                (worker_id,),
            )
            return cursor.rowcount

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, always ended on the way out: committed if the block finishes
        (returning early included), rolled back if it raises.

        BEGIN IMMEDIATE takes the write lock up front (waiting up to the busy timeout for it),
        so a read-then-write such as claiming a job can neither race another worker nor fail
        half-way on a lock upgrade.
        """
        connection = self._connection
        if not connection.in_transaction:
            connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.rollback()
            raise
        else:
            connection.commit()

    def _fetch_one(self, sql: str, parameters: tuple[Any, ...]) -> sqlite3.Row | None:
        """Runs a query and releases its statement at once, so no read stays open either."""
        cursor = self._connection.execute(sql, parameters)
        try:
            row: sqlite3.Row | None = cursor.fetchone()
        finally:
            cursor.close()
        return row


def _job_from(row: sqlite3.Row) -> Job:
    return Job(
        id=row["id"],
        kind=row["kind"],
        payload=json.loads(row["payload"]),
        status=JobStatus(row["status"]),
        attempts=row["attempts"],
        last_error=row["last_error"],
    )
