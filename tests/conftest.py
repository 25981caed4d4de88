"""Shared fixtures: hermetic inspect state, and the project's paths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def hermetic_inspect(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """inspect writes under XDG dirs and its cache dir: keep each test's away from the user's."""
    state = tmp_path_factory.mktemp("inspect-state")
    monkeypatch.setenv("XDG_DATA_HOME", str(state / "data"))
    monkeypatch.setenv("INSPECT_CACHE_DIR", str(state / "cache"))
    monkeypatch.delenv("INSPECT_EVAL_MODEL", raising=False)
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    yield


@pytest.fixture
def project_root() -> Path:
    return PROJECT_ROOT
