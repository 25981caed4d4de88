"""Synthetic log directories for the compare tests (built once per test session)."""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from pathlib import Path

import pytest

from .logfactory import RunSpec, ScoreFn, ScoreValue, write_run

SAMPLES = [f"task-{i:02d}" for i in range(24)]
EPOCHS = 2
TASKS = ("implement", "review")


def quality(sample_id: str, epoch: int) -> float:
    """A deterministic pseudo-random score in [0.5, 0.95): mostly the sample's, plus a little
    epoch noise (under 0.05, so no sample is flaky at the 0.1 threshold)."""
    per_sample = (zlib.crc32(sample_id.encode()) % 400) / 1000
    per_epoch = (zlib.crc32(f"{sample_id}:{epoch}".encode()) % 50) / 1000
    return 0.5 + per_sample + per_epoch


def v1_scores(sample_id: str, epoch: int) -> Mapping[str, ScoreValue]:
    return {
        "hidden_tests": {"spec_adherence": quality(sample_id, epoch), "modularity": 0.7},
        "bug_detection": 1.0 if int(sample_id[-2:]) % 3 else 0.0,
        # The review task's gated metric (#17); a secondary row on implement.
        "review_score": 0.2 + quality(sample_id, epoch) / 2,
    }


def v2_scores(sample_id: str, epoch: int) -> Mapping[str, ScoreValue]:
    """v1 with spec_adherence collapsing on most samples: a clear regression."""
    scores = dict(v1_scores(sample_id, epoch))
    broken = int(sample_id[-2:]) % 4 != 0
    scores["hidden_tests"] = {
        "spec_adherence": 0.1 if broken else quality(sample_id, epoch),
        "modularity": 0.7,
    }
    return scores


def v5_scores(sample_id: str, epoch: int) -> Mapping[str, ScoreValue] | None:
    """v1 with one errored sample-epoch and one unscored modularity value."""
    if sample_id == "task-03" and epoch == 1:
        return None
    scores = dict(v1_scores(sample_id, epoch))
    if sample_id == "task-05":
        scores["hidden_tests"] = {"spec_adherence": quality(sample_id, epoch), "modularity": None}
    return scores


@pytest.fixture(scope="session")
def prompts_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("agents")
    (root / "v1.md").write_text("---\nname: pba\n---\nYou design small modules.\n")
    (root / "v2.md").write_text("---\nname: pba\n---\nYou design big modules.\n")
    return root


@pytest.fixture(scope="session")
def log_dir(tmp_path_factory: pytest.TempPathFactory, prompts_dir: Path) -> Path:
    root = tmp_path_factory.mktemp("logs")
    for task in TASKS:
        _write(root, RunSpec(task, "pba", "v1", agent_path=str(prompts_dir / "v1.md")), v1_scores)
        _write(root, RunSpec(task, "pba", "v2", agent_path=str(prompts_dir / "v2.md")), v2_scores)
        _write(root, RunSpec(task, "pba", "v3", dataset_version="ds-2"), v1_scores)
        _write(root, RunSpec(task, "pba", "v5"), v5_scores)
        _write(root, RunSpec(task, "reference", None, model="none/none"), v1_scores)
        _write(root, RunSpec(task, "null", None, model="none/none"), _null_scores)
    # v4 only ever failed; v6 failed last but has an older success.
    _write(root, RunSpec("implement", "pba", "v4", status="error"), v1_scores)
    _write(root, RunSpec("implement", "pba", "v6", created="2026-11-25T06:00:00+00:00"), v1_scores)
    _write(
        root,
        RunSpec("implement", "pba", "v6", status="error", created="2026-11-26T07:00:00+00:00"),
        v2_scores,
    )
    return root


def _null_scores(sample_id: str, epoch: int) -> Mapping[str, ScoreValue]:
    return {
        "hidden_tests": {"spec_adherence": 0.0, "modularity": 0.0},
        "bug_detection": 0.0,
        "review_score": 0.0,
    }


def _write(root: Path, spec: RunSpec, scores: ScoreFn) -> None:
    name = f"{spec.task}-{spec.agent}-{spec.agent_version}-{spec.status}-{spec.created[:10]}.eval"
    write_run(root / name, spec, SAMPLES, EPOCHS, scores)
