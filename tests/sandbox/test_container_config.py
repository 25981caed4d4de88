"""The Docker route (`-T sandbox=docker:compose.yaml`) cannot run here (no engine).

What can be checked: the compose file parses into an isolated service, and the image installs
what grading needs.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
import yaml

from archbench.evalkit import build_task
from archbench.inspect_compat import parse_compose_yaml  # the parser inspect uses
from archbench.io.datasets import load_kind
from archbench.runner import BwrapSandboxEnvironment, SandboxUnavailableError
from archbench.runner._bwrap import check_bwrap

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_compose_file_defines_an_isolated_default_service() -> None:
    compose = yaml.safe_load((PROJECT_ROOT / "compose.yaml").read_text())
    service = compose["services"]["default"]
    assert service["build"] == "." and service["network_mode"] == "none"
    assert service["pids_limit"] > 0 and service["mem_limit"]
    parsed = parse_compose_yaml(str(PROJECT_ROOT / "compose.yaml"), multiple_services=False)
    assert "default" in parsed.services


def test_image_installs_pytest_and_every_task_dependency() -> None:
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text()
    installed = set(re.findall(r'"([a-z0-9_-]+)[><=]', dockerfile))
    needed = {"pytest"}
    for kind in ("implement", "refactor", "review"):
        for record in load_kind(kind).records:
            needed.update(dep.lower() for dep in record.spec.dependencies)
    assert needed <= installed, f"missing from the Dockerfile: {sorted(needed - installed)}"
    # The image copies nothing in: hidden tests and references must not be baked into it.
    assert not re.search(r"^\s*(COPY|ADD)\b", dockerfile, re.MULTILINE)


def test_docker_sandbox_spec_reaches_the_task() -> None:
    task = build_task("implement", "reference", sandbox="docker:compose.yaml")
    assert task.sandbox is not None and task.sandbox.type == "docker"
    assert task.sandbox.config == "compose.yaml"


def test_grading_stops_when_bubblewrap_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    """No silent fallback to unisolated execution: a clear error saying what to do."""
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(SandboxUnavailableError, match=r"make setup.*-T sandbox=local"):
        check_bwrap()
    with pytest.raises(SandboxUnavailableError):
        asyncio.run(BwrapSandboxEnvironment.task_init("implement", None))
