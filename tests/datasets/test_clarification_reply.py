"""`clarification_reply:` in a code task's task.yaml: loaded, checked, and what the user says."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archbench.core.agentic import DEFAULT_CLARIFICATION_REPLY, ClarificationPolicy
from archbench.core.errors import DatasetError
from archbench.io.datasets import load_kind, load_task

QUESTION = "Which account should survive, the oldest or the newest?"
CLARIFICATION_TASKS = {"customer-dedupe-merge", "monthly-revenue-report", "webhook-retry-failed"}


def test_the_clarification_tasks_carry_their_reply(project_root: Path) -> None:
    records = load_kind("implement", project_root / "datasets").records
    with_reply = {r.id: r for r in records if r.clarification_reply is not None}
    assert set(with_reply) >= CLARIFICATION_TASKS
    for task_id in CLARIFICATION_TASKS:
        record = with_reply[task_id]
        assert record.spec.tier == "hard"
        # The request never gives the answer away: the reply is not in what the agent sees.
        assert str(record.clarification_reply) not in record.request


@pytest.mark.parametrize("blank", ['""', '"   "'])
def test_a_blank_reply_is_a_dataset_error(project_root: Path, tmp_path: Path, blank: str) -> None:
    source = project_root / "datasets/implement/circuit-breaker"
    task = tmp_path / "implement" / source.name
    shutil.copytree(source, task)
    spec = task / "task.yaml"
    spec.write_text(spec.read_text() + f"clarification_reply: {blank}\n")
    with pytest.raises(DatasetError, match="clarification_reply"):
        load_task(task, "implement")


def test_a_task_without_a_reply_gets_the_run_wide_one(project_root: Path) -> None:
    record = load_task(project_root / "datasets/implement/circuit-breaker", "implement")
    assert record.clarification_reply is None
    policy = ClarificationPolicy().for_task(record.clarification_reply)
    assert policy.reply_to(QUESTION, False, turns_so_far=0) == DEFAULT_CLARIFICATION_REPLY


def test_a_task_s_reply_replaces_the_run_wide_one_and_is_still_given_once() -> None:
    policy = ClarificationPolicy(reply="run-wide").for_task("Keep the newest account.")
    assert policy.reply_to(QUESTION, False, turns_so_far=0) == "Keep the newest account."
    assert policy.reply_to(QUESTION, False, turns_so_far=1) is None
    assert policy.reply_to("Here is the change.", True, turns_so_far=0) is None
