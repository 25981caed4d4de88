"""Fixtures for the provider tests: a hermetic inspect environment and managed servers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest

from archbench.testing import MessagesAPIServer, Script

from .scenario import answer_arithmetic


@pytest.fixture(autouse=True)
def hermetic_inspect(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep inspect's cache, data and logs in tmp dirs, the key a dummy, no real endpoint."""
    monkeypatch.setenv("INSPECT_CACHE_DIR", str(tmp_path / "inspect-cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("INSPECT_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("ANTHROPIC_API_KEY", "dummy-key-for-tests")
    for variable in ("ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL", "INSPECT_EVAL_MODEL"):
        monkeypatch.delenv(variable, raising=False)


class StartServer(Protocol):
    def __call__(
        self,
        script: Script = ...,
        *,
        latency_seconds: float = ...,
        request_log_path: Path | None = ...,
        api_key: str | None = ...,
    ) -> MessagesAPIServer: ...


@pytest.fixture
def serve() -> Iterator[StartServer]:
    """Start servers that are stopped at teardown, even when the test fails."""
    servers: list[MessagesAPIServer] = []

    def start(
        script: Script = answer_arithmetic,
        *,
        latency_seconds: float = 0.0,
        request_log_path: Path | None = None,
        api_key: str | None = None,
    ) -> MessagesAPIServer:
        server = MessagesAPIServer(
            script,
            latency_seconds=latency_seconds,
            request_log_path=request_log_path,
            api_key=api_key,
        )
        servers.append(server.start())
        return server

    yield start
    for server in servers:
        server.stop()
