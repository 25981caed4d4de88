"""Gold validation of every task, and the control agents' scores over whole datasets."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval

from archbench.commands.validate import validate_all
from archbench.core.dataset import TaskKind
from archbench.core.test_results import expected_tests
from archbench.evalkit import build_task
from archbench.io.datasets import load_kind
from tests._scores import only_score, score_values

# #19: implement reaches 40 with the hard tier, refactor 10.
MIN_TASKS = {"implement": 40, "refactor": 10}
MIN_HIDDEN_TESTS = 6


def test_every_task_validates() -> None:
    verdicts = asyncio.run(
        validate_all(("implement", "refactor", "review"), use_cache=True, jobs=2)
    )
    invalid = [f"{v.kind}/{v.task}: {v.detail}" for v in verdicts if not v.valid]
    assert invalid == []


@pytest.mark.parametrize(("kind", "minimum"), MIN_TASKS.items())
def test_dataset_sizes(kind: str, minimum: int, project_root: Path) -> None:
    records = load_kind(kind, project_root / "datasets").records  # type: ignore[arg-type]
    assert len(records) >= minimum
    for record in records:
        assert len(expected_tests(record.tests)) >= MIN_HIDDEN_TESTS, record.id
        assert record.spec.interface.modules  # type: ignore[union-attr]
        for module in record.spec.interface.modules:  # type: ignore[union-attr]
            # Stated as a path (`billing/tax.py`) or as the module of a name (`billing.tax.f`),
            # or a module of the starter the agent is given (an existing service's own code).
            dotted = module.removesuffix(".py").replace("/", ".")
            stated = module in record.request or f"{dotted}." in record.request
            stated = stated or module in record.shown
            assert stated, f"{record.id}: {module} not stated in request.md"


@pytest.mark.parametrize("kind", ["implement", "refactor"])
def test_reference_scores_full_spec_adherence_on_every_task(kind: TaskKind, tmp_path: Path) -> None:
    [log] = inspect_eval(
        build_task(kind, "reference"), model="none", log_dir=str(tmp_path), display="none"
    )
    assert log.status == "success" and log.samples
    scores = {s.id: score_values(s)["spec_adherence"] for s in log.samples}
    explanations = {s.id: only_score(s).explanation for s in log.samples}
    failing = {task: explanations[task] for task, score in scores.items() if score != 1.0}
    assert failing == {}
    # Graded with canaries planted, as every code sample is: they all failed, none counted.
    metadata = {s.id: only_score(s).metadata or {} for s in log.samples}
    assert {task: m["canary_cases"] for task, m in metadata.items() if m["canary_cases"] < 3} == {}
    assert [task for task, m in metadata.items() if m["tampered"] is not False] == []
    assert all("canary" not in (text or "") for text in explanations.values())


@pytest.mark.parametrize("kind", ["implement", "refactor"])
def test_null_scores_zero_on_every_code_task(kind: TaskKind, tmp_path: Path) -> None:
    """An empty answer leaves the starter untouched: only pass-to-pass tests pass, worth 0; on a
    refactor the explanation names the stated boundaries it lacks (failing fail-to-pass tests)."""
    [log] = inspect_eval(
        build_task(kind, "null"), model="none", log_dir=str(tmp_path), display="none"
    )
    assert log.status == "success" and log.samples
    scores = {s.id: score_values(s)["spec_adherence"] for s in log.samples}
    assert set(scores) == {r.id for r in load_kind(kind).records}
    assert {task: score for task, score in scores.items() if score != 0.0} == {}
    explanations = {s.id: only_score(s).explanation or "" for s in log.samples}
    assert [t for t, text in explanations.items() if "fail-to-pass: 0/" not in text] == []
