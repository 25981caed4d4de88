"""The GitHub workflows pass their own audits: the workflow schema, zizmor, and pinned actions.

Both tools run offline: check-jsonschema ships the workflow schema, zizmor's `--offline` skips
the audits that query GitHub.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

WORKFLOWS = Path(__file__).resolve().parents[1] / ".github" / "workflows"
BIN = Path(sys.executable).parent
# `uses: owner/repo@<40 hex> # v1.2.3`: a commit pin, with the version it stands for.
PINNED = re.compile(r"uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*\s*$")


def _workflow_files() -> list[Path]:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert files, f"no workflows in {WORKFLOWS}"
    return files


def _run(tool: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    executable = BIN / tool
    assert executable.exists(), f"{tool} is not installed: it is in the dev extra (make setup)"
    return subprocess.run(
        [str(executable), *map(str, args)], capture_output=True, text=True, timeout=120
    )


def _zizmor(path: Path) -> subprocess.CompletedProcess[str]:
    # --min-severity medium: the bar is "no finding of medium severity or above".
    return _run("zizmor", "--offline", "--no-progress", "--min-severity", "medium", path)


def test_workflows_match_the_github_workflow_schema() -> None:
    result = _run("check-jsonschema", "--builtin-schema", "vendor.github-workflows",
                  *_workflow_files())  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_of_medium_severity_or_above() -> None:
    result = _zizmor(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_flags_an_unpinned_action(tmp_path: Path) -> None:
    """The audit above can fail: the same tool on a workflow with a tag-pinned action."""
    broken = tmp_path / ".github" / "workflows"
    broken.mkdir(parents=True)
    text = (WORKFLOWS / "ci.yml").read_text(encoding="utf-8")
    unpinned = re.sub(r"actions/checkout@[0-9a-f]{40} # v[\d.]+", "actions/checkout@v4", text)
    assert unpinned != text
    (broken / "ci.yml").write_text(unpinned, encoding="utf-8")
    result = _zizmor(broken)
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout + result.stderr


@pytest.mark.parametrize("workflow", _workflow_files(), ids=lambda path: path.name)
def test_every_action_is_pinned_by_commit_with_a_version_comment(workflow: Path) -> None:
    uses = [line.strip() for line in workflow.read_text(encoding="utf-8").splitlines()
            if re.match(r"\s*(- )?uses:", line)]  # fmt: skip
    assert uses, f"{workflow.name} uses no action"
    loose = [line for line in uses if not PINNED.search(line.removeprefix("- "))]
    assert loose == []

