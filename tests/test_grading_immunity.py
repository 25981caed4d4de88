"""What a solution ships must not change any hidden-test outcome.

Each case delivers a file meant to make the hidden tests pass without solving the task; the
grade must stay at what the honest part of the answer earns (here: nothing, so 0).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from archbench.core.dataset import TaskRecord
from archbench.io.datasets import load_task
from archbench.runner import LocalWorkspace, run_hidden_tests

FORCE_PASS_HOOK = """
import pytest

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    report.outcome = "passed"
"""

ATTACKS: dict[str, dict[str, str]] = {
    "conftest-at-root": {"conftest.py": FORCE_PASS_HOOK},
    "conftest-in-package": {"resilience/conftest.py": FORCE_PASS_HOOK},
    "pytest-ini": {"pytest.ini": "[pytest]\naddopts = -p hack\npython_files = none_*.py\n"},
    "pyproject-section": {
        "pyproject.toml": '[tool.pytest.ini_options]\naddopts = "--collect-only"\n'
    },
    "setup-cfg": {"setup.cfg": "[tool:pytest]\naddopts = --collect-only\n"},
    "tox-ini": {"tox.ini": "[pytest]\naddopts = --collect-only\n"},
    "sitecustomize": {"sitecustomize.py": "import os\nos._exit(0)\n"},
    "usercustomize": {"usercustomize.py": "import os\nos._exit(0)\n"},
    "pth-file": {"hack.pth": "import os; os._exit(0)\n"},
    "exit-zero-at-import": {"resilience/retry.py": "import os\nos._exit(0)\n"},
    "sys-exit-at-import": {"resilience/retry.py": "import sys\nsys.exit(0)\n"},
}


@pytest.fixture(scope="module")
def record(project_root_path: Path) -> TaskRecord:
    return load_task(project_root_path / "datasets/implement/retry-exponential-backoff")


@pytest.fixture(scope="module")
def project_root_path() -> Path:
    return Path(__file__).resolve().parents[1]


def grade(record: TaskRecord, files: dict[str, str], folder: Path) -> float:
    run = asyncio.run(run_hidden_tests(LocalWorkspace(folder), files, record.tests, timeout=30))
    return run.summary.fraction


def test_reference_passes_in_the_same_harness(record: TaskRecord, tmp_path: Path) -> None:
    assert grade(record, dict(record.gold), tmp_path) == 1.0


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_shipped_files_cannot_raise_the_score(
    record: TaskRecord, attack: str, tmp_path: Path
) -> None:
    assert grade(record, ATTACKS[attack], tmp_path) == 0.0


@pytest.mark.parametrize("attack", ["conftest-at-root", "pytest-ini", "sitecustomize", "pth-file"])
def test_shipped_config_does_not_break_an_honest_solution(
    record: TaskRecord, attack: str, tmp_path: Path
) -> None:
    assert grade(record, {**record.gold, **ATTACKS[attack]}, tmp_path) == 1.0


def test_timeout_kills_the_run_and_explains(record: TaskRecord, tmp_path: Path) -> None:
    # Validation's local folder has the sandbox's rule: sleeping is stopped by its own time.
    files = {"resilience/retry.py": "import time\nwhile True:\n    time.sleep(0.05)\n"}
    run = asyncio.run(run_hidden_tests(LocalWorkspace(tmp_path), files, record.tests, timeout=2))
    assert run.summary.fraction == 0.0
    assert "over its 2 s limit" in run.summary.explanation()
    assert "sleeping or blocked" in run.summary.explanation()
