"""`archbench nightly` through inspect's anthropic provider and the local Messages API server.

A crash (the API refusing one sample's requests) and a spent budget each leave the run
incomplete (exit 3); re-running the same command finishes it, and the server's request log
shows that samples finished the first time were not requested again.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from inspect_ai.log import read_eval_log

from archbench.cli import main
from archbench.testing import (
    Fault,
    FaultKind,
    MessagesAPIServer,
    RecordedRequest,
    Reply,
    Response,
)

from .conftest import StartServer
from .scenario import MODEL

SAMPLES = 6
FINDINGS = '```json\n{"findings": []}\n```'


def write_config(folder: Path, server: MessagesAPIServer, **fields: Any) -> Path:
    config = {
        "model_base_url": server.base_url,
        "baseline": "python-backend-architect@v1",
        "candidates": ["reference"],
        "tasks": ["review"],
        "limit": SAMPLES,
        "model": MODEL,
        "max_connections": 1,
        "retry_attempts": 0,
        "log_dir": str(folder / "logs"),
        "reports_dir": str(folder / "reports"),
        "budget": {"max_dollars": 5},
        **fields,
    }
    path = folder / "benchmark.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def requested_samples(requests: list[RecordedRequest]) -> list[str]:
    """The sample each request was for: the request text starts differently per sample."""
    return [request.first_user_text[:300] for request in requests]


def last_history(folder: Path) -> dict[str, Any]:
    lines = (folder / "reports" / "history.jsonl").read_text(encoding="utf-8").splitlines()
    return dict(json.loads(lines[-1]))


def complete_samples(folder: Path) -> int:
    """Samples of the baseline's final log that ran without error (whether or not they were
    requested again: a generation finished before a crash comes from inspect's cache)."""
    [baseline_log] = [
        log
        for log in (read_eval_log(path) for path in last_history(folder)["logs"])
        if log.eval.metadata and log.eval.metadata.get("agent_version") == "v1"
    ]
    return sum(1 for sample in baseline_log.samples or [] if sample.error is None and sample.scores)


class RefusesOneSample:
    """Refuses (HTTP 400) every request for one sample while `broken`, like an outage would."""

    def __init__(self) -> None:
        self.broken = True
        self.victim: str | None = None

    def __call__(self, request: RecordedRequest) -> Response:
        key = request.first_user_text[:300]
        if self.victim is None and request.sequence >= 2:
            self.victim = key
        if self.broken and key == self.victim:
            return Fault(FaultKind.INVALID_REQUEST, message="simulated outage for this sample")
        return Reply(text=FINDINGS)


@pytest.mark.slow
def test_a_crashed_nightly_resumes_without_paying_again_for_finished_samples(
    serve: StartServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = RefusesOneSample()
    server = serve(script)
    config = write_config(tmp_path, server)

    assert main(["nightly", "--config", str(config)]) == 3
    first_run = requested_samples(server.message_requests())
    assert "ended with status 'error'" in capsys.readouterr().out
    assert last_history(tmp_path)["exit_code"] == 3

    script.broken = False
    assert main(["nightly", "--config", str(config)]) == 0
    second_run = requested_samples(server.message_requests())[len(first_run) :]

    refused = script.victim
    finished_first = {key for key in first_run if key != refused}
    assert refused in second_run
    assert finished_first.isdisjoint(second_run)
    # Six samples: the verdict may or may not be decided, but it is never a regression here.
    assert last_history(tmp_path)["verdicts"]["reference"] in {
        "NO REGRESSION", "NOT ENOUGH EVIDENCE",
    }  # fmt: skip
    assert complete_samples(tmp_path) == SAMPLES


@pytest.mark.slow
def test_the_run_stops_starting_samples_once_the_budget_is_spent_and_resumes_later(
    serve: StartServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Each answer claims 200k output tokens: $3 at claude-sonnet-4-5's $15 per million.
    server = serve(lambda request: Reply(text=FINDINGS, output_tokens=200_000))
    config = write_config(tmp_path, server, budget={"max_dollars": 5})

    assert main(["nightly", "--config", str(config)]) == 3
    first_run = requested_samples(server.message_requests())
    printed = capsys.readouterr().out
    assert re.search(r"stopped: spent \$6\.0\d of the \$5\.00 budget", printed)
    assert len(first_run) == 2  # the third sample was refused before it called the model
    assert last_history(tmp_path)["spent_dollars"] == pytest.approx(6.0, abs=0.05)

    config = write_config(tmp_path, server, budget={"max_dollars": 50})
    assert main(["nightly", "--config", str(config)]) == 0
    second_run = requested_samples(server.message_requests())[len(first_run) :]

    assert set(first_run).isdisjoint(second_run)
    assert complete_samples(tmp_path) == SAMPLES
