"""The server as its own process (`python -m archbench.testing.messages_api`), driven by a file."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import anthropic
import pytest
from anthropic.types import TextBlock, ToolUseBlock

from archbench.testing import read_request_log

SCRIPT = """
default: {reply: {text: "default answer"}}
rules:
  - contains: "weather"
    reply: {text: "Sunny."}
  - contains: "files"
    in: first_user
    reply: {tool_calls: [{name: bash, arguments: {command: ls}}]}
  - contains: "forbidden"
    fault: {kind: invalid_request, message: "forbidden topic"}
"""
BASE_URL_PREFIX = "ANTHROPIC_BASE_URL="


@pytest.fixture
def server_process(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A running server process, its base URL and its request log; terminated at teardown."""
    script_path = tmp_path / "script.yaml"
    script_path.write_text(SCRIPT, encoding="utf-8")
    log_path = tmp_path / "requests.jsonl"
    command = [sys.executable, "-m", "archbench.testing.messages_api", "--port", "0"]
    command += ["--script", str(script_path), "--request-log", str(log_path)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline().strip()
        assert first_line.startswith(BASE_URL_PREFIX), first_line
        yield first_line.removeprefix(BASE_URL_PREFIX), log_path
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0


def ask(client: anthropic.Anthropic, text: str) -> anthropic.types.Message:
    return client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=64,
        system="Script file test.",
        messages=[{"role": "user", "content": text}],
    )


def test_script_file_rules_answer_a_client_in_another_process(
    server_process: tuple[str, Path],
) -> None:
    base_url, log_path = server_process
    client = anthropic.Anthropic(base_url=base_url, api_key="dummy", max_retries=0)

    weather = ask(client, "What is the weather?")
    files = ask(client, "List the files")
    other = ask(client, "Something else")
    with pytest.raises(anthropic.BadRequestError, match="forbidden topic"):
        ask(client, "A forbidden question")

    assert isinstance(weather.content[0], TextBlock) and weather.content[0].text == "Sunny."
    assert isinstance(files.content[0], ToolUseBlock)
    assert files.content[0].input == {"command": "ls"}
    assert isinstance(other.content[0], TextBlock) and other.content[0].text == "default answer"
    logged = read_request_log(log_path)
    assert [exchange.outcome for exchange in logged] == ["reply"] * 3 + ["invalid_request"]
    assert {exchange.request.system_text for exchange in logged} == {"Script file test."}


def test_a_broken_script_file_is_reported_with_its_path(tmp_path: Path) -> None:
    script_path = tmp_path / "broken.yaml"
    script_path.write_text("rules:\n  - contains: x\n", encoding="utf-8")

    completed = subprocess.run(
        [sys.executable, "-m", "archbench.testing.messages_api", "--script", str(script_path)],
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert completed.returncode != 0
    assert str(script_path) in completed.stderr
    assert "exactly one of 'reply' and 'fault'" in completed.stderr
