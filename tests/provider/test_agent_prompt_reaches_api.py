"""The agent prompt's body, and nothing of its frontmatter, is the system prompt the API receives.

One test drives the real `inspect` CLI in a subprocess against the local server; another runs
every agent version in process (cheaper) for the same byte-for-byte check.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from inspect_ai import eval
from inspect_ai.log import list_eval_logs, read_eval_log

from archbench.evalkit import build_task
from archbench.io.agents import list_agents, list_versions, load_agent
from archbench.io.paths import agents_dir
from archbench.testing import Reply, always

from .conftest import StartServer
from .scenario import MODEL

PROJECT_ROOT = Path(__file__).resolve().parents[2]
AGENT = "python-backend-architect"
DESIGN_ANSWER = Reply(text="Put a durable queue between ingestion and processing.")


def body_after_frontmatter(prompt_file: Path) -> str:
    """Everything after the line closing the frontmatter and its newline, read independently."""
    text = prompt_file.read_bytes().decode("utf-8")
    opening, _, rest = text.partition("\n")
    assert opening.strip() == "---", f"{prompt_file} does not open with a frontmatter fence"
    _frontmatter, fence, body = rest.partition("\n---\n")
    assert fence, f"{prompt_file} has no closing frontmatter fence"
    return body


def all_agent_versions() -> list[str]:
    root = agents_dir()
    return [
        f"{name}@{version}" for name in list_agents(root) for version in list_versions(name, root)
    ]


@pytest.mark.slow
def test_inspect_cli_sends_the_v1_body_byte_for_byte(serve: StartServer, tmp_path: Path) -> None:
    server = serve(always(DESIGN_ANSWER))
    expected = body_after_frontmatter(PROJECT_ROOT / "agents" / AGENT / "v1.md")
    log_dir = tmp_path / "cli-logs"
    command = [str(Path(sys.executable).with_name("inspect")), "eval", "evals/review.py@design"]
    command += ["--model", MODEL, "-T", f"agent={AGENT}@v1", "--limit", "2"]
    command += ["--log-dir", str(log_dir), "--display", "none"]

    completed = subprocess.run(
        command,
        cwd=PROJECT_ROOT,
        env=os.environ | {"ANTHROPIC_BASE_URL": server.base_url},
        capture_output=True,
        text=True,
        timeout=180,
    )

    assert completed.returncode == 0, completed.stderr
    [log_info] = list_eval_logs(str(log_dir))
    assert read_eval_log(log_info).status == "success"
    requests = server.message_requests()
    assert len(requests) == 2
    assert load_agent(f"{AGENT}@v1").body == expected
    for request in requests:
        assert request.system_text == expected
        assert len(request.system or []) == 1  # one block: nothing added around the body


@pytest.mark.parametrize("agent", all_agent_versions())
def test_every_agent_version_reaches_the_api_without_frontmatter(
    serve: StartServer, tmp_path: Path, agent: str
) -> None:
    server = serve(always(DESIGN_ANSWER))
    prompt = load_agent(agent)
    assert prompt.path is not None

    [log] = eval(
        build_task("design", agent),
        model=MODEL,
        model_base_url=server.base_url,
        limit=1,
        log_dir=str(tmp_path / "logs"),
        display="none",
    )

    assert log.status == "success"
    [request] = server.message_requests()
    assert request.system_text == body_after_frontmatter(Path(prompt.path))
    assert f"name: {prompt.name}" not in (request.system_text or "")
