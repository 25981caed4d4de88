"""Running a backfill."""

from collections.abc import Callable
from datetime import datetime, timedelta

from jobs.chunk import Chunk
from jobs.loading import load_checkpoint
from jobs.planning import plan_chunks
from jobs.processing import process_chunk
from jobs.resume import resume_point
from jobs.saving import save_checkpoint
from jobs.store_port import CheckpointStore
from jobs.validation import validated_range


def run_backfill(
    job_id: str,
    start: datetime,
    end: datetime,
    chunk_size: timedelta,
    process: Callable[[Chunk], None],
    checkpoints: CheckpointStore,
) -> list[Chunk]:
    validated_range(start, end, chunk_size)
    resume_from = resume_point(load_checkpoint(checkpoints, job_id), start)
    if resume_from >= end:
        return []
    completed = []
    for chunk in plan_chunks(resume_from, end, chunk_size):
        process_chunk(process, chunk)
        save_checkpoint(checkpoints, job_id, chunk.end)
        completed.append(chunk)
    return completed
