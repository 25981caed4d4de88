"""The thread pool that runs ingest jobs (parse + enrich + write) for the upload API.

The queue of waiting jobs is bounded (`max_queued`; jobs a worker is running don't count), so
a burst of uploads can't pile up in memory: `submit` waits for room, up to its timeout, and
then raises `PoolFull`. `shutdown` doesn't run the backlog: it hands back the jobs that never
started (their futures cancelled), lets running jobs finish and waits for the workers to exit.
"""

import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Generic, TypeVar

J = TypeVar("J")
R = TypeVar("R")


class PoolFull(Exception):
    """`submit` found no room in the queue within its timeout; the job was not queued."""


class PoolClosed(Exception):
    """`submit` was called (or was waiting for room) after the pool began shutting down."""


@dataclass
class _Task(Generic[J, R]):
    job: J
    future: "Future[R]"


class WorkerPool(Generic[J, R]):
    def __init__(
        self, handle: Callable[[J], R], workers: int = 4, max_queued: int = 100
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        if max_queued < 0:
            raise ValueError("max_queued must not be negative")
        self._handle = handle
        self._max_queued = max_queued
        self._pending: deque[_Task[J, R]] = deque()
        self._closed = False
        self._lock = threading.Lock()
        self._has_work = threading.Condition(self._lock)  # a job was queued, or closing
        self._has_room = threading.Condition(self._lock)  # a job left the queue, or closing
        self._threads = [
            threading.Thread(target=self._work, name=f"ingest-{n}", daemon=True)
            for n in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, job: J, timeout: float | None = None) -> "Future[R]":
        """Queues `job`; the Future gets the handler's result, or the exception it raised.

        If `max_queued` jobs are already waiting, waits for room: indefinitely when `timeout`
        is None, otherwise up to `timeout` seconds (0: not at all), then raises `PoolFull`.
        Raises `PoolClosed` once shutdown has begun, also while waiting for room. A job that
        is rejected is never run.
        """
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must not be negative")
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            while True:
                if self._closed:
                    raise PoolClosed("the pool is shutting down")
                if len(self._pending) < self._max_queued:
                    break
                if deadline is None:
                    self._has_room.wait()
                else:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise PoolFull(f"{self._max_queued} jobs are already queued")
                    self._has_room.wait(remaining)
            task: _Task[J, R] = _Task(job, Future())
            self._pending.append(task)
            self._has_work.notify()
        return task.future

    def shutdown(self) -> list[J]:
        """Stops the pool without running its backlog.

        Returns the jobs that were queued but never started, in submission order; they won't
        run and their futures are cancelled. Jobs already running finish normally. Returns
        once every worker thread has exited. Calling it again returns [].
        """
        with self._lock:
            self._closed = True
            unstarted = list(self._pending)
            self._pending.clear()
            self._has_work.notify_all()
            self._has_room.notify_all()  # blocked submitters must see PoolClosed
        jobs: list[J] = []
        for task in unstarted:
            # A future the submitter already cancelled is not handed back: nobody wants it.
            if task.future.cancel():
                jobs.append(task.job)
        current = threading.current_thread()
        for thread in self._threads:
            if thread is not current:  # shutdown called from inside a handler
                thread.join()
        return jobs

    def _work(self) -> None:
        while (task := self._next()) is not None:
            self._run(task)

    def _next(self) -> "_Task[J, R] | None":
        """The next queued task, waiting for one; None once the pool is shutting down."""
        with self._lock:
            while not self._pending and not self._closed:
                self._has_work.wait()
            if self._closed:
                return None
            task = self._pending.popleft()
            self._has_room.notify()
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
