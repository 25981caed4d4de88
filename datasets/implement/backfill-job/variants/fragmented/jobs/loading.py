"""Checkpoint loading."""

from datetime import datetime

from jobs.store_port import CheckpointStore


def load_checkpoint(checkpoints: CheckpointStore, job_id: str) -> datetime | None:
    return checkpoints.load(job_id)
