"""Crash-safe in another style: json.dump into a tempfile.NamedTemporaryFile, then os.replace."""

import json
import os
import tempfile
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
        with tempfile.NamedTemporaryFile(
            "w", dir=self._path.parent, prefix=self._path.name, delete=False
        ) as temporary:
            json.dump(checkpoints, temporary)
        os.replace(temporary.name, self._path)

    def _read_all(self) -> dict[str, str]:
        try:
            with open(self._path) as file:
                checkpoints: dict[str, str] = json.load(file)
        except FileNotFoundError:
            return {}
        return checkpoints
