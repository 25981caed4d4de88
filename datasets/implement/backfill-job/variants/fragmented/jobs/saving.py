"""Checkpoint saving."""

from datetime import datetime

from jobs.store_port import CheckpointStore


def save_checkpoint(checkpoints: CheckpointStore, job_id: str, until: datetime) -> None:
    checkpoints.save(job_id, until)
