"""The thread pool that runs ingest jobs (parse + enrich + write) for the upload API.

The queue is bounded so a burst of uploads pushes back on the submitters instead of piling
up in memory, and shutdown hands back the jobs that never started so they can be requeued.
"""

import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Generic, TypeVar

J = TypeVar("J")
R = TypeVar("R")


class PoolFull(Exception):
    """The queue stayed full for the whole timeout given to `submit`."""


class PoolClosed(Exception):
    """The pool is shutting down and accepts no more jobs."""


@dataclass
class _Task(Generic[J, R]):
    job: J
    future: "Future[R]"


class WorkerPool(Generic[J, R]):
    def __init__(
        self, handle: Callable[[J], R], workers: int = 4, max_queued: int = 100
    ) -> None:
        self._handle = handle
        self._max_queued = max_queued
        self._queued: deque[_Task[J, R]] = deque()
        self._closed = False
        # One condition for every state change: room in the queue, a new job, the close.
        self._changed = threading.Condition()
        self._threads = [
            threading.Thread(target=self._work, name=f"ingest-{n}", daemon=True)
            for n in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, job: J, timeout: float | None = None) -> "Future[R]":
        """Queues `job`; the Future gets the handler's result, or the exception it raised.

        Waits while `max_queued` jobs are already waiting: forever when `timeout` is None,
        else up to `timeout` seconds before raising PoolFull. Raises PoolClosed once the pool
        is shutting down, also to a submitter that was waiting for room.
        """
        with self._changed:
            has_room = self._changed.wait_for(self._accepts_or_closed, timeout)
            if self._closed:
                raise PoolClosed("the ingest pool is shutting down")
            if not has_room:
                raise PoolFull(f"{self._max_queued} jobs are already queued")
            task: _Task[J, R] = _Task(job, Future())
            self._queued.append(task)
            self._changed.notify_all()
        return task.future

    def shutdown(self) -> list[J]:
        """Stops accepting jobs, lets running ones finish and returns the unstarted ones.

        The unstarted jobs come back in submission order, their futures cancelled; the
        method returns once every worker has exited.
        """
        with self._changed:
            self._closed = True
            unstarted = list(self._queued)
            self._queued.clear()
            self._changed.notify_all()
        for task in unstarted:
            task.future.cancel()
        for thread in self._threads:
            thread.join()
        return [task.job for task in unstarted]

    def _accepts_or_closed(self) -> bool:
        return self._closed or len(self._queued) < self._max_queued

    def _work(self) -> None:
        while (task := self._next_task()) is not None:
            self._run(task)

    def _next_task(self) -> _Task[J, R] | None:
        """The oldest queued task, or None once the pool is closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or bool(self._queued))
            if self._closed:
                return None
            task = self._queued.popleft()
            self._changed.notify_all()  # a submitter may be waiting for this room
            return task

    def _run(self, task: _Task[J, R]) -> None:
        if not task.future.set_running_or_notify_cancel():
            return  # the submitter cancelled it while it was queued
        try:
            result = self._handle(task.job)
        except Exception as error:  # a failing job must not take its worker down
            task.future.set_exception(error)
        else:
            task.future.set_result(result)
