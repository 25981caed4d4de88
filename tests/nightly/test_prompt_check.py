"""`archbench prompt-check`: agents changed between two commits, run at both (`name@git:REV`)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from archbench.cli import main
from archbench.core.errors import AgentFileError
from archbench.io.agents import load_agent

AGENT = "python-backend-architect"


def git(repository: Path, *arguments: str) -> str:
    completed = subprocess.run(
        ["git", *arguments], cwd=repository, capture_output=True, text=True, check=True
    )
    return completed.stdout.strip()


@pytest.fixture
def repository(tmp_path: Path, project_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git checkout holding the project's agents (datasets linked), as ARCHBENCH_HOME."""
    home = tmp_path / "home"
    shutil.copytree(project_root / "agents", home / "agents")
    (home / "datasets").symlink_to(project_root / "datasets")
    git(home, "init", "-q")
    git(home, "-c", "user.name=t", "-c", "user.email=t@t", "add", "agents")
    git(home, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    monkeypatch.setenv("ARCHBENCH_HOME", str(home))
    return home


def commit_edit(repository: Path, relative: str, text: str) -> str:
    target = repository / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    git(repository, "add", "agents")
    git(repository, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "edit")
    return git(repository, "rev-parse", "HEAD")


def test_a_git_reference_loads_the_prompt_as_it_was_at_that_commit(repository: Path) -> None:
    base = git(repository, "rev-parse", "HEAD")
    prompt_file = f"agents/{AGENT}/v1.md"
    original = (repository / prompt_file).read_text(encoding="utf-8")
    head = commit_edit(repository, prompt_file, original + "\nAlways answer in haiku.\n")

    at_base, at_head = load_agent(f"{AGENT}@git:{base}"), load_agent(f"{AGENT}@git:{head}")

    assert at_base.version == f"git:{base}" and at_head.version == f"git:{head}"
    assert "haiku" not in at_base.body and "Always answer in haiku." in at_head.body
    assert at_base.body in original and at_head.path and Path(at_head.path).is_file()
    with pytest.raises(AgentFileError, match="git ls-tree failed"):
        load_agent(f"{AGENT}@git:no-such-revision")


def test_changed_prompts_are_run_at_both_commits_and_summarised(
    repository: Path, tmp_path: Path
) -> None:
    base = git(repository, "rev-parse", "HEAD")
    prompt_file = f"agents/{AGENT}/v1.md"
    original = (repository / prompt_file).read_text(encoding="utf-8")
    head = commit_edit(repository, prompt_file, original + "\nBe brief.\n")
    new_agent = (repository / prompt_file).read_text(encoding="utf-8").replace(AGENT, "newcomer")
    head = commit_edit(repository, "agents/newcomer/v1.md", new_agent)
    config = tmp_path / "benchmark.yaml"
    settings = {
        "baseline": f"{AGENT}@v1",
        "candidates": [AGENT],
        "tasks": ["review"],
        "limit": 3,
        "model": "archbench/offline",
        "budget": {"max_tokens": 1_000_000},
    }
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    out = tmp_path / "out"

    options = ["--config", str(config), "--out", str(out), "--log-dir", str(tmp_path / "logs")]
    exit_code = main(["prompt-check", "--base", base, "--head", head, *options])

    assert exit_code == 0
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert f"## {AGENT}" in summary and "## newcomer" in summary
    assert "New agent: no prompt at the base commit" in summary
    [entry] = [
        json.loads(line)
        for line in (out / AGENT / "history.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert entry["baseline"] == f"{AGENT}@git:{base}"
    assert entry["verdicts"] == {f"{AGENT}@git:{head}": "NOT ENOUGH EVIDENCE"}


def test_no_changed_prompt_is_a_quiet_success(repository: Path, tmp_path: Path) -> None:
    head = git(repository, "rev-parse", "HEAD")
    config = tmp_path / "benchmark.yaml"
    config.write_text(
        yaml.safe_dump(
            {"baseline": "reference", "candidates": ["null"], "budget": {"max_tokens": 1}}
        ),
        encoding="utf-8",
    )

    options = ["--config", str(config), "--out", str(tmp_path / "out")]
    assert main(["prompt-check", "--base", head, "--head", head, *options]) == 0

    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    assert "No agent prompt changed" in summary
