"""Chunked, resumable backfill over a half-open UTC time range."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol


@dataclass(frozen=True)
class Chunk:
    start: datetime
    end: datetime


class CheckpointStore(Protocol):
    def load(self, job_id: str) -> datetime | None: ...

    def save(self, job_id: str, completed_until: datetime) -> None: ...


def plan_chunks(start: datetime, end: datetime, chunk_size: timedelta) -> list[Chunk]:
    return run_backfill("", start, end, chunk_size, lambda chunk: None, None, plan_only=True)


def run_backfill(
    job_id: str,
    start: datetime,
    end: datetime,
    chunk_size: timedelta,
    process: Callable[[Chunk], None],
    checkpoints: CheckpointStore | None,
    plan_only: bool = False,
) -> list[Chunk]:
    for name, moment in (("start", start), ("end", end)):
        if moment.utcoffset() is None:
            raise ValueError(f"{name} must be timezone-aware, got {moment.isoformat()}")
    if start >= end:
        raise ValueError(f"start {start.isoformat()} must be before end {end.isoformat()}")
    if chunk_size <= timedelta(0):
        raise ValueError(f"chunk_size must be positive, got {chunk_size}")
    resume_from = start
    if checkpoints is not None:
        checkpoint = checkpoints.load(job_id)
        if checkpoint is not None and checkpoint > start:
            resume_from = checkpoint
    if resume_from >= end:
        return []
    chunk_start = resume_from.astimezone(UTC)
    end_utc = end.astimezone(UTC)
    completed = []
    while chunk_start < end_utc:
        chunk_end = min(chunk_start + chunk_size, end_utc)
        chunk = Chunk(chunk_start, chunk_end)
        if not plan_only and checkpoints is not None:
            process(chunk)
            checkpoints.save(job_id, chunk.end)
        completed.append(chunk)
        chunk_start = chunk_end
    return completed
