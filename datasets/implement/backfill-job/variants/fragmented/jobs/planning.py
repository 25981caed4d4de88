"""Chunk planning."""

from datetime import datetime, timedelta

from jobs.chunk import Chunk
from jobs.validation import validated_range


def plan_chunks(start: datetime, end: datetime, chunk_size: timedelta) -> list[Chunk]:
    start_utc, end_utc = validated_range(start, end, chunk_size)
    chunks = []
    chunk_start = start_utc
    while chunk_start < end_utc:
        chunk_end = min(chunk_start + chunk_size, end_utc)
        chunks.append(Chunk(chunk_start, chunk_end))
        chunk_start = chunk_end
    return chunks
