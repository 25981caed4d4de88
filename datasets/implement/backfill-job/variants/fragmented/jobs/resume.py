"""Where a job resumes."""

from datetime import datetime


def resume_point(checkpoint: datetime | None, start: datetime) -> datetime:
    if checkpoint is None or checkpoint <= start:
        return start
    return checkpoint
