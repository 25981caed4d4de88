"""`archbench plan` (#20 item 5): from logs when there are some, from assumptions otherwise."""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from pathlib import Path

import pytest

from archbench.cli import main
from archbench.core.stats._power import estimate_components
from archbench.io.datasets import load_kind

from .logfactory import RunSpec, ScoreValue, write_run

IDS = [f"p{i:02d}" for i in range(20)]
EPOCHS = 3


def adherence(version: str, sample_id: str, epoch: int) -> float:
    """Per-sample level plus epoch noise; v2 a little worse on a third of the samples."""
    level = (zlib.crc32(sample_id.encode()) % 60) / 100
    noise = (zlib.crc32(f"{version}{sample_id}{epoch}".encode()) % 30) / 100
    drop = 0.2 if version == "v2" and int(sample_id[1:]) % 3 == 0 else 0.0
    return round(level + noise - drop, 2)


def scores(version: str) -> object:
    def score(sample_id: str, epoch: int) -> Mapping[str, ScoreValue]:
        return {"hidden_tests": {"spec_adherence": adherence(version, sample_id, epoch)}}

    return score


def write_config(
    path: Path, log_dir: Path, agents: str = "pba@v1, pba@v2", limit: int | None = None
) -> Path:
    baseline, candidate = agents.split(", ")
    path.write_text(
        f"baseline: {baseline}\ncandidates: [{candidate}]\ntasks: [implement]\n"
        f"model: anthropic/claude-sonnet-4-5\nepochs: 1\nlog_dir: {log_dir}\n"
        "deltas: {default: 0.02}\nbudget: {max_dollars: 1.0}\n"
        + ("" if limit is None else f"limit: {limit}\n")
    )
    return path


@pytest.fixture(scope="module")
def plan_logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("plan-logs")
    for version in ("v1", "v2"):
        write_run(root / f"implement-{version}.eval", RunSpec("implement", "pba", version),
                  IDS, EPOCHS, scores(version))  # type: ignore[arg-type]  # fmt: skip
    return root


def test_the_plan_uses_the_logs_variance_and_usage(
    plan_logs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path / "benchmark.yaml", plan_logs)
    assert main(["plan", "--config", str(config), "--drop", "0.3"]) == 0
    out = capsys.readouterr().out
    assert "Holm over 1 primary rows: 0.0500 per row" in out
    assert f"logs: 20 samples x {EPOCHS} epochs" in out
    expected = estimate_components(
        [[adherence("v1", s, e) for e in range(1, EPOCHS + 1)] for s in IDS],
        [[adherence("v2", s, e) for e in range(1, EPOCHS + 1)] for s in IDS],
    )
    assert f"{expected.sd(1):.3f}" in out
    # Every implement task of the real dataset x 2 versions x 1,200 tokens; $0.006 each.
    tasks = len(load_kind("implement").records)
    tokens, dollars = tasks * 2 * 1200, tasks * 2 * 0.006
    assert f"cost per nightly at 1 epoch(s): {tokens:,} tokens, ${dollars:.2f} (within" in out
    assert "from the logs' token usage" in out


def test_without_logs_the_plan_states_its_assumptions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(
        tmp_path / "benchmark.yaml", tmp_path / "no-logs", "python-backend-architect@v1, reference"
    )
    args = ["plan", "--config", str(config), "--assume-sd", "0.2", "--format", "markdown"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "no paired logs" in out
    tasks = len(load_kind("implement").records)
    assert f"| implement | spec_adherence | {tasks} | 1 | 0.200 | 0.02 |" in out
    assert "assumed: sd 0.2, 50% epoch noise" in out
    assert "estimated from the prompts" in out
    assert "recommended epochs:" in out


def test_more_epochs_are_recommended_when_they_are_enough(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path / "benchmark.yaml", tmp_path / "no-logs", limit=20)
    # sd 0.2, 90% of its variance epoch noise: 20 samples detect 0.136 at 1 epoch, 0.106 at 2.
    args = ["plan", "--config", str(config), "--drop", "0.12", "--assume-sd", "0.2",
            "--epoch-share", "0.9"]  # fmt: skip
    assert main(args) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("recommended epochs"))
    recommended = int(line.split(":")[1].split()[0])
    assert recommended == 2
    assert "cannot reach it" not in out


def test_a_bad_config_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "benchmark.yaml"
    config.write_text("baseline: pba@v1\n")
    assert main(["plan", "--config", str(config)]) == 2
    assert "candidates" in capsys.readouterr().err


def test_the_committed_nightly_config_follows_the_plan(
    project_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = project_root / "benchmark.yaml"
    assert main(["plan", "--config", str(config), "--log-dir", str(project_root / "no-logs")]) == 0
    out = capsys.readouterr().out
    epochs = next(
        int(line.split(":")[1].split("#")[0]) for line in config.read_text().splitlines()
        if line.startswith("epochs:")
    )  # fmt: skip
    assert f"recommended epochs: {epochs} " in out
    assert f"cost per nightly at {epochs} epoch(s)" in out and "OVER" not in out
