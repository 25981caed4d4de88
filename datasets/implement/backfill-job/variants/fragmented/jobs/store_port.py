"""The checkpoint port."""

from datetime import datetime
from typing import Protocol


class CheckpointStore(Protocol):
    def load(self, job_id: str) -> datetime | None: ...

    def save(self, job_id: str, completed_until: datetime) -> None: ...
