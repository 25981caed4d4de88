"""The worker process: claims jobs one at a time and runs the handler for their kind."""

import threading
from collections.abc import Callable, Mapping
from typing import Any

from jobs.models import Job
from jobs.queue import JobQueue

Handler = Callable[[dict[str, Any]], None]


class Worker:
    def __init__(self, queue: JobQueue, handlers: Mapping[str, Handler], worker_id: str) -> None:
        self._queue = queue
        self._handlers = handlers
        self._worker_id = worker_id

    def start(self) -> int:
        """Recovers from a previous crash of this worker; returns how many jobs were requeued."""
        return self._queue.requeue_abandoned(self._worker_id)

    def run_once(self) -> bool:
        """Runs the next ready job, if any; False when there was nothing to do."""
        job = self._queue.claim_next(self._worker_id)
        if job is None:
            return False
        self._run(job)
        return True

    def run_until(self, stop: threading.Event, idle_wait: float = 1.0) -> None:
        """The process's main loop: `start()`, then jobs back to back, waiting `idle_wait`
        seconds between polls of an empty queue, until `stop` is set (on SIGTERM)."""
        self.start()
        while not stop.is_set():
            if not self.run_once():
                stop.wait(idle_wait)

    def _run(self, job: Job) -> None:
        handler = self._handlers.get(job.kind)
        if handler is None:
            self._queue.fail(job.id, f"no handler for {job.kind!r}")
            return
        try:
            handler(job.payload)
        except Exception as error:  # a handler's failure is the job's, never the worker's
            self._queue.fail(job.id, f"{type(error).__name__}: {error}")
            return
        self._queue.complete(job.id)
