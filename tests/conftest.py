"""Shared fixtures: hermetic inspect state, and the project's paths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from inspect_ai.model._model import active_model_context_var

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
    # An eval leaves its model active in this thread's context after it returns; a later test
    # that builds a prompt-agent task outside an eval would then see `none/none` as the model.
    token = active_model_context_var.set(None)
    yield
    active_model_context_var.reset(token)


@pytest.fixture
def project_root() -> Path:
    return PROJECT_ROOT
