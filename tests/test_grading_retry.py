"""A run starved of CPU is graded once more from a clean directory, then is the machine's fault.

The starvation is simulated (a real one needs a machine that gives the run under a tenth of a
CPU for minutes): the workspace reports the chosen command as starved, after planting what a
first attempt's answer could leave behind, a conftest.py that fails every hidden test.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from inspect_ai.model import ModelName, ModelOutput
from inspect_ai.scorer import Target
from inspect_ai.solver import TaskState

from archbench.core.dataset import TaskRecord
from archbench.core.harness import reference_answer
from archbench.core.run_limits import RunLimits, RunStop, TreeUsage, Verdict
from archbench.evalkit import _scorers as scorers
from archbench.evalkit._answer_key import deposit_records
from archbench.io.datasets import load_task
from archbench.runner import ExecOutcome, LocalWorkspace, run_hidden_tests
from archbench.runner._hidden_tests import (
    LAUNCHER_PATH,
    READER_SOURCE,
    RUN_ATTEMPTS,
    MachineOverloaded,
)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
POISON = "import pytest\n\n@pytest.fixture(autouse=True)\ndef poison():\n    raise RuntimeError\n"

Selector = Callable[[list[str]], bool]
RUNS_PYTEST: Selector = lambda argv: LAUNCHER_PATH in argv  # noqa: E731
READS_RESULTS: Selector = lambda argv: READER_SOURCE in argv  # noqa: E731


class StarvingWorkspace(LocalWorkspace):
    """A local folder whose first `starved` runs of the selected command come back starved."""

    def __init__(self, root: Path, selected: Selector, starved: int) -> None:
        super().__init__(root)
        self.selected, self.starved, self.clears = selected, starved, 0

    async def run(
        self, argv: list[str], timeout: int, env: Mapping[str, str], input: str | None = None
    ) -> ExecOutcome:
        if not (self.starved and self.selected(argv)):
            return await super().run(argv, timeout, env, input)
        self.starved -= 1
        (self.root / "_hidden_tests/conftest.py").write_text(POISON)
        limits = RunLimits(timeout)
        usage = TreeUsage(float(limits.backstop_seconds), 1.0, limits.backstop_seconds - 1.0)
        return ExecOutcome(-9, "", "", RunStop(Verdict.STARVED, limits, usage))

    async def clear(self) -> None:
        self.clears += 1
        await super().clear()


@pytest.fixture(scope="module")
def record() -> TaskRecord:
    return load_task(PROJECT_ROOT / "datasets/implement/retry-exponential-backoff")


def grade(record: TaskRecord, workspace: LocalWorkspace) -> float:
    run = asyncio.run(run_hidden_tests(workspace, dict(record.gold), record.tests, timeout=30))
    return run.summary.fraction


@pytest.mark.parametrize("selected", [RUNS_PYTEST, READS_RESULTS], ids=["pytest", "reader"])
def test_a_starved_run_is_graded_again_from_a_clean_directory(
    record: TaskRecord, tmp_path: Path, selected: Selector
) -> None:
    workspace = StarvingWorkspace(tmp_path, selected, starved=1)
    # The poison the first attempt left would fail every test: the second does not see it.
    assert grade(record, workspace) == 1.0
    assert workspace.clears == 1


def test_a_run_starved_every_time_is_the_machines_fault_not_a_zero(
    record: TaskRecord, tmp_path: Path
) -> None:
    workspace = StarvingWorkspace(tmp_path, RUNS_PYTEST, starved=RUN_ATTEMPTS)
    with pytest.raises(MachineOverloaded, match="starved of CPU by other work"):
        grade(record, workspace)
    assert workspace.clears == RUN_ATTEMPTS - 1


def test_a_run_that_is_not_starved_is_graded_once(record: TaskRecord, tmp_path: Path) -> None:
    workspace = StarvingWorkspace(tmp_path, RUNS_PYTEST, starved=0)
    assert grade(record, workspace) == 1.0
    assert workspace.clears == 0


def test_an_overloaded_machine_leaves_the_sample_unscored_with_the_reason(
    record: TaskRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What `compare` then counts as unscored (NaN), never as the answer's 0.
    async def overloaded(*_: object, **__: object) -> None:
        raise MachineOverloaded("every attempt was starved (...)")

    monkeypatch.setattr(scorers, "sandbox", lambda: None)
    monkeypatch.setattr(scorers, "SandboxWorkspace", lambda _: None)
    monkeypatch.setattr(scorers, "run_hidden_tests", overloaded)
    handle = deposit_records("implement", {record.id: record})
    output = ModelOutput.from_content("test/model", reference_answer(record))
    state = TaskState(ModelName("test/model"), record.id, 1, "request", [], output=output)
    score = asyncio.run(scorers.code_task_grader(handle)(state, Target("")))
    assert score is not None and isinstance(score.value, dict)
    assert all(math.isnan(float(value)) for value in score.value.values())
    assert "grading failed: MachineOverloaded: every attempt was starved" in (
        score.explanation or ""
    )
    assert (score.metadata or {})["unscored_reason"] == "scoring_failed"
