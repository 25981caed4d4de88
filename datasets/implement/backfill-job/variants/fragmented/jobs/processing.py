"""Chunk processing."""

from collections.abc import Callable

from jobs.chunk import Chunk


def process_chunk(process: Callable[[Chunk], None], chunk: Chunk) -> None:
    process(chunk)
