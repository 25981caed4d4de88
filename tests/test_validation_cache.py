"""validate's committed cache of verdicts: read only for the exact content and version it was
written for, one entry per task."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from archbench.commands._validation_cache import cache_path, cached_verdict, remember_verdict
from archbench.io.datasets import load_kind
from tests.conftest import PROJECT_ROOT

RECORD = load_kind("review", PROJECT_ROOT / "datasets").records[0]
VERDICT = {"task": RECORD.id, "kind": "review", "valid": True, "detail": "1/3 tests expose the bug"}


@pytest.fixture(autouse=True)
def scratch_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ARCHBENCH_HOME", str(tmp_path))
    return tmp_path


def test_a_remembered_verdict_is_read_back_for_the_same_content_and_version() -> None:
    remember_verdict(RECORD, "3", VERDICT)
    assert cached_verdict(RECORD, "3") == VERDICT


def test_changed_content_or_a_new_validation_version_is_not_read_from_the_cache() -> None:
    remember_verdict(RECORD, "3", VERDICT)
    assert cached_verdict(replace(RECORD, content_hash="edited"), "3") is None
    assert cached_verdict(RECORD, "4") is None


def test_a_task_has_one_entry_which_a_new_verdict_replaces(scratch_home: Path) -> None:
    remember_verdict(RECORD, "3", VERDICT)
    remember_verdict(replace(RECORD, content_hash="edited"), "3", {**VERDICT, "detail": "new"})
    entries = json.loads(cache_path().read_text())
    assert list(entries) == [f"review/{RECORD.id}"]
    assert cache_path() == scratch_home / "datasets" / "validation-cache.json"
