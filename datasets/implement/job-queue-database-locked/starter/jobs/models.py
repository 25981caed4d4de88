from dataclasses import dataclass
from enum import Enum
from typing import Any


class JobStatus(str, Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    DEAD = "dead"


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    payload: dict[str, Any]
    status: JobStatus
    attempts: int
    last_error: str | None = None


class JobNotFound(LookupError):
    """No job with that id is in the state the operation needs."""

    def __init__(self, job_id: int) -> None:
        super().__init__(job_id)
        self.job_id = job_id
