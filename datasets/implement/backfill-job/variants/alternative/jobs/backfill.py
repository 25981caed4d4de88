"""Chunked, resumable backfills: cut a UTC range into chunks and checkpoint after each one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Protocol


@dataclass(frozen=True)
class Chunk:
    start: datetime
    end: datetime


class CheckpointStore(Protocol):
    def load(self, job_id: str) -> datetime | None: ...

    def save(self, job_id: str, completed_until: datetime) -> None: ...


def plan_chunks(start: datetime, end: datetime, chunk_size: timedelta) -> list[Chunk]:
    first, last = _utc_range(start, end, chunk_size)
    return list(_cut(first, last, chunk_size))


def run_backfill(
    job_id: str,
    start: datetime,
    end: datetime,
    chunk_size: timedelta,
    process: Callable[[Chunk], None],
    checkpoints: CheckpointStore,
) -> list[Chunk]:
    """Process the chunks after the job's checkpoint; a failing chunk stops the run and
    propagates, leaving the checkpoint at the last chunk that finished."""
    first, last = _utc_range(start, end, chunk_size)
    resume_from = checkpoints.load(job_id)
    if resume_from is not None:
        first = max(first, resume_from.astimezone(timezone.utc))
    done: list[Chunk] = []
    for chunk in _cut(first, last, chunk_size):
        process(chunk)
        checkpoints.save(job_id, chunk.end)
        done.append(chunk)
    return done


def _utc_range(start: datetime, end: datetime, chunk_size: timedelta) -> tuple[datetime, datetime]:
    if start.utcoffset() is None or end.utcoffset() is None:
        raise ValueError("start and end must be timezone-aware")
    if not start < end:
        raise ValueError(f"start ({start}) must be before end ({end})")
    if chunk_size <= timedelta(0):
        raise ValueError(f"chunk_size must be positive, got {chunk_size}")
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def _cut(first: datetime, last: datetime, chunk_size: timedelta) -> Iterator[Chunk]:
    """Half-open chunks from `first`, the final one shortened to end at `last` (none when
    `first` is already at or past `last`)."""
    while first < last:
        chunk_end = min(first + chunk_size, last)
        yield Chunk(first, chunk_end)
        first = chunk_end
