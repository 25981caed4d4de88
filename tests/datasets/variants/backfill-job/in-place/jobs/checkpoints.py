"""NOT crash-safe on purpose: the checkpoint file is truncated and rewritten in place, so a
crash halfway through the write leaves half a JSON document behind."""

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
        with open(self._path, "w", encoding="utf-8") as file:
            file.write(json.dumps(checkpoints, indent=2))

    def _read_all(self) -> dict[str, str]:
        if not self._path.exists():
            return {}
        checkpoints: dict[str, str] = json.loads(self._path.read_text(encoding="utf-8"))
        return checkpoints
