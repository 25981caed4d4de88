"""Chunked, resumable backfill over a half-open UTC time range."""

from collections.abc import Callable
from datetime import datetime, timedelta

from jobs import planning, running
from jobs.chunk import Chunk
from jobs.store_port import CheckpointStore

__all__ = ["CheckpointStore", "Chunk", "plan_chunks", "run_backfill"]


def plan_chunks(start: datetime, end: datetime, chunk_size: timedelta) -> list[Chunk]:
    return planning.plan_chunks(start, end, chunk_size)


def run_backfill(
    job_id: str,
    start: datetime,
    end: datetime,
    chunk_size: timedelta,
    process: Callable[[Chunk], None],
    checkpoints: CheckpointStore,
) -> list[Chunk]:
    return running.run_backfill(job_id, start, end, chunk_size, process, checkpoints)
