"""The shipped examples: one reply-script format for the offline provider and the local Messages
API server, and the walkthrough in examples/README.md run as written."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from archbench.core.prompt import parse_agent_file
from archbench.core.script import ScriptError, parse_script
from archbench.evalkit._offline_model import _load_script
from archbench.io.agents import load_agent
from archbench.testing import RequestLog, load_script_file
from archbench.testing._script_file import SharedScriptFile

PROJECT = Path(__file__).resolve().parents[1]
EXAMPLES = PROJECT / "examples"
REPLIES = EXAMPLES / "replies.yaml"
V2 = EXAMPLES / "python-backend-architect-v2.md"


def _request_text(sample: str) -> str:
    return (PROJECT / "datasets" / "review" / sample / "request.md").read_text(encoding="utf-8")


def _server_reply(system: str, user: str) -> str:
    script = load_script_file(REPLIES)
    assert isinstance(script, SharedScriptFile)
    body = {"model": "m", "max_tokens": 10, "system": system,
            "messages": [{"role": "user", "content": user}]}  # fmt: skip
    request = RequestLog().admit("/v1/messages", {}, body, json.dumps(body).encode())
    reply = script.to_script()(request)
    return str(getattr(reply, "text", ""))


def _offline_reply(system: str, user: str) -> str:
    return _load_script(str(REPLIES), "").choose(f"{system}\n{user}", 1).reply


@pytest.mark.parametrize("answer", [_server_reply, _offline_reply], ids=["server", "offline"])
def test_one_script_answers_v1_and_v2_differently_in_both_providers(answer: object) -> None:
    assert callable(answer)
    v1 = load_agent("python-backend-architect@v1").body
    v2 = parse_agent_file(V2.read_bytes(), source=str(V2), version="v2", path=str(V2)).body
    request = _request_text("checkout-float-vat")
    assert '"file": "checkout/pricing.py"' in answer(v1, request)
    assert "checkout/pricing.py" not in answer(v2, request)


def test_the_example_v2_differs_from_v1_by_one_line_of_its_review_checklist() -> None:
    v1 = (PROJECT / "agents" / "python-backend-architect" / "v1.md").read_text(encoding="utf-8")
    changed = set(V2.read_text(encoding="utf-8").splitlines()) ^ set(v1.splitlines())
    assert len(changed) == 2


def test_a_script_with_a_misspelt_key_shows_the_expected_shape(tmp_path: Path) -> None:
    with pytest.raises(ScriptError) as raised:
        parse_script({"rules": [{"wen": "x", "reply": "y"}]}, "replies.yaml")
    message = str(raised.value)
    assert "replies.yaml" in message and "rules.0.wen" in message
    assert "expected shape:" in message and "when:" in message


def test_the_server_refuses_a_bad_shared_script_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "replies.yaml"
    bad.write_text(yaml.safe_dump({"default": "x", "rules": [{"when": "a", "repyl": "b"}]}))
    with pytest.raises(ValueError, match=r"replies\.yaml.*repyl"):
        load_script_file(bad)


def _walkthrough_commands() -> str:
    text = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- walkthrough:start -->\n```bash\n(.*?)```", text, re.DOTALL)
    assert block, "examples/README.md has no walkthrough block"
    return block.group(1)


@pytest.mark.slow
def test_the_walkthrough_runs_as_written_and_reports_the_regression(tmp_path: Path) -> None:
    home = tmp_path / "checkout"
    home.mkdir()
    for folder in ("agents", "examples"):
        subprocess.run(["cp", "-r", str(PROJECT / folder), str(home)], check=True)
    (home / "datasets").symlink_to(PROJECT / "datasets")
    (home / ".venv").symlink_to(Path(sys.prefix))
    env = {**os.environ, "ARCHBENCH_HOME": str(home)}
    result = subprocess.run(
        ["bash", "-c", _walkthrough_commands()], cwd=home, env=env,
        capture_output=True, text=True, timeout=540,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "archbench ab exited 1 (1 means REGRESSION)" in result.stdout
    report = json.loads((home / "reports" / "walkthrough" / "report.json").read_text())
    assert report["verdict"] == "REGRESSION"
    assert not (home / "agents" / "python-backend-architect" / "v2.md").exists()
