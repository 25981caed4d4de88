"""Typed run metadata (issue 22 item 3): one model written by the task builders and read back
by compare, regrade and nightly."""

from __future__ import annotations

import pytest

from archbench.core.run_metadata import RunMetadata, RunMetadataError
from archbench.tasks import TASKS


@pytest.mark.parametrize("kind", ["review", "routing"])
def test_a_built_task_s_metadata_reads_back_unchanged(kind: str) -> None:
    written = TASKS[kind](agent="null").metadata or {}
    run = RunMetadata.from_log(written)
    assert run.agent == "null" and run.agent_version is None
    assert run.dataset_version == written["dataset_version"] and run.graders
    assert run.to_log() == written


def test_a_misspelt_field_fails_when_the_task_is_built() -> None:
    with pytest.raises(RunMetadataError, match="unknown run metadata field"):
        RunMetadata.for_run(agent="pba", agent_verison="v2")


def test_an_old_log_without_newer_fields_reads_with_defaults() -> None:
    run = RunMetadata.from_log(None)
    assert (run.agent, run.mode, run.graders, run.invalid_tasks) == (None, "single", {}, [])


def test_numeric_grader_versions_of_early_logs_read_as_text() -> None:
    assert RunMetadata.from_log({"graders": {"hidden_tests": 2}}).graders == {"hidden_tests": "2"}


def test_a_wrong_type_names_the_log_and_the_field() -> None:
    with pytest.raises(RunMetadataError, match=r"logs/x.eval: .*invalid_tasks"):
        RunMetadata.from_log({"invalid_tasks": "not a list"}, "logs/x.eval")


def test_keys_this_version_does_not_know_survive_a_rewrite() -> None:
    run = RunMetadata.from_log({"agent": "pba", "written_by_a_newer_version": [1, 2]})
    assert run.to_log() == {"agent": "pba", "graders": {}, "written_by_a_newer_version": [1, 2]}
