"""Checkpoint store adapter backed by one JSON file."""

import json
from datetime import datetime
from pathlib import Path


class JsonFileCheckpointStore:
    def __init__(self, path: Path) -> None:
        self._path = path

    def load(self, job_id: str) -> datetime | None:
        saved = self._read_all().get(job_id)
        return None if saved is None else datetime.fromisoformat(saved)

    def save(self, job_id: str, completed_until: datetime) -> None:
        checkpoints = self._read_all()
        checkpoints[job_id] = completed_until.isoformat()
        # Write then rename: a crash mid-write leaves the previous file intact.
        temporary = self._path.with_name(self._path.name + ".tmp")
        temporary.write_text(json.dumps(checkpoints, indent=2))
        temporary.replace(self._path)

    def _read_all(self) -> dict[str, str]:
        if not self._path.exists():
            return {}
        checkpoints: dict[str, str] = json.loads(self._path.read_text())
        return checkpoints
