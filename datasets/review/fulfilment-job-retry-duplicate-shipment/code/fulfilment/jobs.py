"""The worker's job runner: takes jobs off the queue and runs their handlers.

A handler that raises TransientError is run again, from the start, after a backoff; after
`max_attempts` the job is dead-lettered. PermanentError, or any other exception, dead-letters it
at once. Support works through the dead-letter table by hand.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from fulfilment.errors import TransientError

log = logging.getLogger(__name__)

Payload = Mapping[str, object]
Handler = Callable[[Payload], None]
DeadLetter = Callable[[str, Payload, str], None]


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 6
    base_delay_seconds: float = 2.0
    max_delay_seconds: float = 300.0

    def delay(self, failed_attempts: int) -> float:
        return min(self.max_delay_seconds, self.base_delay_seconds * 2.0 ** (failed_attempts - 1))


@dataclass(frozen=True)
class JobOutcome:
    name: str
    attempts: int
    succeeded: bool
    error: str | None = None


def _log_dead_letter(name: str, payload: Payload, error: str) -> None:
    log.error("job %s dead-lettered (%s): %s", name, dict(payload), error)


class JobRunner:
    def __init__(
        self,
        handlers: Mapping[str, Handler],
        policy: RetryPolicy = RetryPolicy(),
        sleep: Callable[[float], None] = time.sleep,
        dead_letter: DeadLetter = _log_dead_letter,
    ) -> None:
        self._handlers = dict(handlers)
        self._policy = policy
        self._sleep = sleep
        self._dead_letter = dead_letter

    def run(self, name: str, payload: Payload) -> JobOutcome:
        handler = self._handlers.get(name)
        if handler is None:
            error = f"no handler for job {name!r}"
            self._dead_letter(name, payload, error)
            return JobOutcome(name, 0, succeeded=False, error=error)
        attempt = 0
        while True:
            attempt += 1
            try:
                handler(payload)
            except TransientError as error:
                if attempt >= self._policy.max_attempts:
                    return self._give_up(name, payload, attempt, error)
                log.warning("job %s attempt %d failed, retrying: %s", name, attempt, error)
                self._sleep(self._policy.delay(attempt))
            except Exception as error:
                return self._give_up(name, payload, attempt, error)
            else:
                return JobOutcome(name, attempt, succeeded=True)

    def _give_up(self, name: str, payload: Payload, attempts: int, error: Exception) -> JobOutcome:
        message = f"{type(error).__name__}: {error}"
        self._dead_letter(name, payload, message)
        return JobOutcome(name, attempts, succeeded=False, error=message)
