"""Checkpoints in one JSON file ({job_id: ISO timestamp}), so a re-run in a new process resumes."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime
from pathlib import Path


class JsonFileCheckpointStore:
    def __init__(self, path: Path) -> None:
        self._path = Path(path)

    def load(self, job_id: str) -> datetime | None:
        saved = self._read().get(job_id)
        return None if saved is None else datetime.fromisoformat(saved)

    def save(self, job_id: str, completed_until: datetime) -> None:
        everything = self._read()
        everything[job_id] = completed_until.isoformat()
        self._replace(json.dumps(everything, indent=2, sort_keys=True))

    def _read(self) -> dict[str, str]:
        if not self._path.exists():
            return {}
        loaded: dict[str, str] = json.loads(self._path.read_text(encoding="utf-8"))
        return loaded

    def _replace(self, text: str) -> None:
        """Write a sibling temporary file, then rename it over the old one: a crash mid-save
        leaves the previous file intact, never a half-written one."""
        self._path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self._path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self._path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
