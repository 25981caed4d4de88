"""Every committed independent solution still scores what its record says (#19 item 1).

A record is a measurement: when the hidden tests change, the solution is re-graded here and a
record that no longer matches fails, so a tightened test that now fails correct code written by
someone else cannot slip in unnoticed.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from archbench.core.dataset import CodeTaskSpec, TaskKind, TaskRecord
from archbench.core.independent import IndependentSolution
from archbench.core.test_results import expected_tests, spec_adherence
from archbench.io.datasets import load_kind
from archbench.io.independent import load_independent_solutions
from archbench.io.paths import datasets_dir
from archbench.runner import LocalWorkspace, run_hidden_tests

CODE_KINDS: tuple[TaskKind, ...] = ("implement", "refactor")


def committed() -> list[tuple[TaskRecord, IndependentSolution]]:
    return [
        (record, solution)
        for kind in CODE_KINDS
        for record in load_kind(kind).records
        for solution in load_independent_solutions(datasets_dir() / kind / record.id)
    ]


def test_every_hard_implement_task_has_an_independent_solution() -> None:
    """#19 item 1: each hard implement task is solved from its request by someone else."""
    solved = {record.id for record, _ in committed()}
    hard = [r.id for r in load_kind("implement").records if r.spec.tier == "hard"]
    assert [task for task in hard if task not in solved] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("record", "solution"), committed(), ids=lambda item: getattr(item, "id", None) or item.label
)
def test_a_recorded_result_is_what_the_solution_scores(
    record: TaskRecord, solution: IndependentSolution, tmp_path: Path
) -> None:
    spec = record.spec
    assert isinstance(spec, CodeTaskSpec)
    tree = record.laid_over_starter(solution.files)
    run = asyncio.run(run_hidden_tests(LocalWorkspace(tmp_path), tree, record.tests))
    score = spec_adherence(run.summary, spec.pass_to_pass_tests(expected_tests(record.tests)))
    recorded = solution.result
    assert (run.summary.passed, run.summary.total) == (recorded.passed, recorded.total), (
        run.summary.explanation()
    )
    assert score.value == pytest.approx(recorded.spec_adherence)
