"""`archbench validate`'s cache of task verdicts, by content hash.

Committed (like mutation-cache.json), so CI starts warm: one entry per task, replaced when the
task's content or its kind's validation version changes; a stale entry is never read, and only
successes are stored, so a failure is re-checked every time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from archbench.core.dataset import TaskRecord
from archbench.io.paths import project_root

CACHE_FILE_NAME = "validation-cache.json"


def cache_path() -> Path:
    return project_root() / "datasets" / CACHE_FILE_NAME


def cached_verdict(record: TaskRecord, version: str) -> dict[str, Any] | None:
    """The verdict (as stored) validate gave this exact task content, or None."""
    entry = _read().get(_key(record))
    if entry is None or entry.get("stamp") != _stamp(record, version):
        return None
    verdict: dict[str, Any] = entry["verdict"]
    return verdict


def remember_verdict(record: TaskRecord, version: str, verdict: dict[str, Any]) -> None:
    entries = _read()
    entries[_key(record)] = {"stamp": _stamp(record, version), "verdict": verdict}
    path = cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dict(sorted(entries.items())), indent=1) + "\n")


def _key(record: TaskRecord) -> str:
    return f"{record.kind}/{record.id}"


def _stamp(record: TaskRecord, version: str) -> str:
    return f"{version}-{record.content_hash}"


def _read() -> dict[str, dict[str, Any]]:
    path = cache_path()
    if not path.is_file():
        return {}
    entries: dict[str, dict[str, Any]] = json.loads(path.read_text())
    return entries
