"""The thread pool that runs ingest jobs (parse + enrich + write) for the upload API."""

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Generic, TypeVar

J = TypeVar("J")
R = TypeVar("R")


@dataclass
class _Task(Generic[J, R]):
    job: J
    future: "Future[R]"


class WorkerPool(Generic[J, R]):
    def __init__(self, handle: Callable[[J], R], workers: int = 4) -> None:
        self._handle = handle
        self._queue: queue.Queue[_Task[J, R] | None] = queue.Queue()
        self._threads = [
            threading.Thread(target=self._work, name=f"ingest-{n}", daemon=True)
            for n in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, job: J) -> "Future[R]":
        """Queues `job`; the Future gets the handler's result, or the exception it raised."""
        task: _Task[J, R] = _Task(job, Future())
        self._queue.put(task)
        return task.future

    def shutdown(self) -> None:
        """Stops the workers once everything queued so far has run."""
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join()

    def _work(self) -> None:
        while (task := self._queue.get()) is not None:
            self._run(task)

    def _run(self, task: _Task[J, R]) -> None:
        if not task.future.set_running_or_notify_cancel():
            return  # the submitter cancelled it while it was queued
        try:
            result = self._handle(task.job)
        except Exception as error:  # a failing job must not take its worker down
            task.future.set_exception(error)
        else:
            task.future.set_result(result)
