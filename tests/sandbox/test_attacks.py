"""Attacks on the grader, each graded in the isolated sandbox exactly as a scorer grades
(canary tests planted among the hidden tests, see `archbench.core.canaries`).

Every attack must end with an honest score (0: none of them solves the task), an explanation,
the run completing, and the host untouched: no canary file written outside the work directory,
no connection reaching a listener on the host's loopback, no process left behind. An attack
marked `BEATS_THE_SEAL` is one only the canary tests stop: graded without them, it scores.
"""

from __future__ import annotations

import asyncio
import importlib
import pkgutil
import secrets
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from archbench.core.answer import extract_files
from archbench.core.test_results import TestRunSummary
from archbench.io.datasets import load_task
from archbench.runner import (
    BwrapSandboxEnvironment,
    SandboxWorkspace,
    plant_random_canaries,
    run_hidden_tests,
)
from archbench.runner._bwrap import check_bwrap
from tests.sandbox import attacks
from tests.sandbox.context import AttackContext

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Every attack is stopped by something else, or by 5 s of CPU: the CPU-bound ones (infinite loop,
# fork bomb) spend them, which on a busy machine is many more seconds of wall clock.
TIMEOUT_SECONDS = 5
ATTACKS = sorted(info.name for info in pkgutil.iter_modules(attacks.__path__))


@pytest.fixture(scope="module", autouse=True)
def bwrap_available() -> None:
    check_bwrap()


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


@pytest.fixture
def unix_listener(tmp_path_factory: pytest.TempPathFactory) -> Iterator[socket.socket]:
    # Beside the checkout, not under /tmp: /tmp was hidden even before the allow-list.
    path = PROJECT_ROOT.parent / f"archbench-socket-{secrets.token_hex(4)}"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    path.chmod(0o777)
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()
    path.unlink(missing_ok=True)


@pytest.fixture
def context(
    listener: socket.socket,
    unix_listener: socket.socket,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[AttackContext]:
    nonce = secrets.token_hex(6)
    canaries = (
        Path.home() / f"archbench-canary-{nonce}",
        Path("/tmp") / f"archbench-canary-{nonce}",
        PROJECT_ROOT / f"archbench-canary-{nonce}",
        tmp_path / f"archbench-canary-{nonce}",
    )
    planted = PROJECT_ROOT.parent / f"archbench-planted-{nonce}"
    api_key = f"sk-ant-canary-{nonce}"
    monkeypatch.setenv("ANTHROPIC_API_KEY", api_key)
    ctx = AttackContext(
        PROJECT_ROOT, listener.getsockname()[1], canaries,
        planted, Path(unix_listener.getsockname()), api_key,
    )  # fmt: skip
    (planted / "resilience").mkdir(parents=True)
    (planted / "resilience/retry.py").write_text(ctx.reference_file.read_text())
    planted.chmod(0o755)
    yield ctx
    shutil.rmtree(planted, ignore_errors=True)
    for canary in canaries:
        canary.unlink(missing_ok=True)


def grade_in_sandbox(
    answer: str, canaries: bool = True
) -> tuple[TestRunSummary, dict[str, str], int | None]:
    record = load_task(PROJECT_ROOT / "datasets/implement/retry-exponential-backoff")
    extracted = extract_files(answer)
    plan = plant_random_canaries(record.tests) if canaries else None
    sandbox = BwrapSandboxEnvironment()
    try:
        run = asyncio.run(
            run_hidden_tests(
                SandboxWorkspace(sandbox), extracted.files, record.tests, TIMEOUT_SECONDS, plan
            )
        )
    finally:
        sandbox.close()
    return run.summary, extracted.rejected, sandbox.uid


def leftover_processes(uid: int | None) -> list[str]:
    """Processes still running as the sample's own uid after grading returned."""
    listing = subprocess.run(["ps", "-eo", "uid=,args="], capture_output=True, text=True).stdout
    return [
        line for line in listing.splitlines() if uid is not None and int(line.split()[0]) == uid
    ]


def load_attack(name: str) -> ModuleType:
    return importlib.import_module(f"tests.sandbox.attacks.{name}")


@pytest.mark.parametrize("name", ATTACKS)
def test_attack_earns_nothing_and_leaves_the_host_untouched(
    name: str, context: AttackContext, listener: socket.socket, unix_listener: socket.socket
) -> None:
    attack = load_attack(name)
    summary, _, uid = grade_in_sandbox(attack.answer(context))
    explanation = summary.explanation()
    assert context.api_key not in explanation
    assert summary.fraction == 0.0, explanation
    assert summary.total > 0 and explanation
    if hasattr(attack, "EXPLANATION"):
        assert attack.EXPLANATION in explanation
    assert [c for c in context.canaries if c.exists()] == []
    for server in (listener, unix_listener):
        with pytest.raises(BlockingIOError):
            server.accept()
    assert leftover_processes(uid) == []


def test_reference_still_passes_in_the_sandbox(context: AttackContext) -> None:
    from tests.sandbox.context import module_answer

    summary, _, _ = grade_in_sandbox(module_answer(context.reference_file.read_text()))
    assert summary.fraction == 1.0, summary.explanation()
    assert summary.canaries and not summary.tampering
    assert all(case.outcome == "failed" for case in summary.canaries)


SEAL_BEATERS = [name for name in ATTACKS if getattr(load_attack(name), "BEATS_THE_SEAL", False)]


@pytest.mark.parametrize("name", SEAL_BEATERS)
def test_without_canaries_the_seal_alone_lets_the_attack_score(
    name: str, context: AttackContext
) -> None:
    """The attack works (it is not a 0 for a broken import): only the canaries catch it."""
    summary, _, _ = grade_in_sandbox(load_attack(name).answer(context), canaries=False)
    assert summary.fraction > 0.5 and not summary.tampering, summary.explanation()


def test_traversal_paths_are_reported(context: AttackContext) -> None:
    _, rejected, _ = grade_in_sandbox(load_attack("path_traversal_names").answer(context))
    assert "../../archbench-traversal.py" in rejected
    assert all("absolute" in why for path, why in rejected.items() if path.startswith("/"))


def test_a_file_that_is_not_valid_unicode_is_rejected_and_named(context: AttackContext) -> None:
    summary, rejected, _ = grade_in_sandbox(load_attack("lone_surrogate").answer(context))
    assert summary.fraction == 0.0
    assert "not valid Unicode" in rejected["resilience/retry.py"]
