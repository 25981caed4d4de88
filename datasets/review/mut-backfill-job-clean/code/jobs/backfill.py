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
    start_utc, end_utc = _validated_range(start, end, chunk_size)
    chunks = []
    chunk_start = start_utc
    while chunk_start < end_utc:
        chunk_end = min(chunk_start + chunk_size, end_utc)
        chunks.append(Chunk(chunk_start, chunk_end))
        chunk_start = chunk_end
    return chunks


def run_backfill(
    job_id: str,
    start: datetime,
    end: datetime,
    chunk_size: timedelta,
    process: Callable[[Chunk], None],
    checkpoints: CheckpointStore,
) -> list[Chunk]:
    _validated_range(start, end, chunk_size)
    resume_from = _resume_point(checkpoints.load(job_id), start)
    if resume_from >= end:
        return []
    completed = []
    for chunk in plan_chunks(resume_from, end, chunk_size):
        process(chunk)
        checkpoints.save(job_id, chunk.end)
        completed.append(chunk)
    return completed


def _resume_point(checkpoint: datetime | None, start: datetime) -> datetime:
    if checkpoint is None or checkpoint <= start:
        return start
    return checkpoint


def _validated_range(
    start: datetime, end: datetime, chunk_size: timedelta
) -> tuple[datetime, datetime]:
    for name, moment in (("start", start), ("end", end)):
        if moment.utcoffset() is None:
            raise ValueError(f"{name} must be timezone-aware, got {moment.isoformat()}")
    if start >= end:
        raise ValueError(f"start {start.isoformat()} must be before end {end.isoformat()}")
    if chunk_size <= timedelta(0):
        raise ValueError(f"chunk_size must be positive, got {chunk_size}")
    return start.astimezone(UTC), end.astimezone(UTC)
