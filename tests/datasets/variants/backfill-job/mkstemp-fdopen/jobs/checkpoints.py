"""Crash-safe in another style: tempfile.mkstemp + os.fdopen + fsync, then Path.replace."""

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
        descriptor, name = tempfile.mkstemp(dir=self._path.parent, suffix=".partial")
        with os.fdopen(descriptor, "w", encoding="utf-8") as temporary:
            temporary.write(json.dumps(checkpoints))
            temporary.flush()
            os.fsync(temporary.fileno())
        Path(name).replace(self._path)

    def _read_all(self) -> dict[str, str]:
        if not self._path.exists():
            return {}
        checkpoints: dict[str, str] = json.loads(self._path.read_text(encoding="utf-8"))
        return checkpoints
