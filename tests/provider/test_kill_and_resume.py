"""A run killed with SIGKILL halfway resumes with `inspect eval-retry` and pays only for the rest.

Drives the real `inspect` CLI in a subprocess against the local server: one sample at a time,
each request held for a second, the log flushed after every sample (`--log-buffer 1`). The
process group is killed once a few samples are done; the retry must finish the run, and the
server's request log must show that no sample finished before the kill was requested again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from inspect_ai.log import EvalLog, list_eval_logs, read_eval_log

from archbench.io.datasets import load_kind
from archbench.testing import MessagesAPIServer, RecordedRequest, Reply, always

from .conftest import StartServer
from .scenario import MODEL

PROJECT_ROOT = Path(__file__).resolve().parents[2]
INSPECT = str(Path(sys.executable).with_name("inspect"))
DESIGN_SAMPLES = len(load_kind("design").records)
REQUESTS_BEFORE_KILL = 4
LATENCY_SECONDS = 1.0
SERIAL = ["--max-connections", "1", "--max-samples", "1", "--log-buffer", "1"]
COMMON = ["--display", "none", *SERIAL]


def server_environment(server: MessagesAPIServer) -> dict[str, str]:
    return os.environ | {"ANTHROPIC_BASE_URL": server.base_url}


def start_eval(server: MessagesAPIServer, log_dir: Path) -> subprocess.Popen[bytes]:
    command = [INSPECT, "eval", "evals/review.py@design", "--model", MODEL]
    command += ["-T", "agent=python-backend-architect@v1", "--log-dir", str(log_dir), *COMMON]
    # Its own session, so the kill reaches every process inspect started, as a crash would.
    return subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env=server_environment(server),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill_after_requests(
    process: subprocess.Popen[bytes], server: MessagesAPIServer, requests: int
) -> None:
    deadline = time.monotonic() + 120
    while len(server.message_requests()) < requests:
        assert process.poll() is None, "the eval ended before it could be killed"
        assert time.monotonic() < deadline, "the eval never reached the kill point"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def only_log(log_dir: Path) -> EvalLog:
    [info] = list_eval_logs(str(log_dir))
    return read_eval_log(info)


def requested_sample_ids(requests: list[RecordedRequest], log: EvalLog) -> set[str]:
    """Which samples these requests were for, by the request text each sample sends."""
    by_text = {str(sample.input): str(sample.id) for sample in log.samples or []}
    return {by_text[request.first_user_text] for request in requests}


@pytest.mark.slow
def test_a_killed_run_resumes_without_requesting_finished_samples_again(
    serve: StartServer, tmp_path: Path
) -> None:
    server = serve(
        always(Reply(text="Put a durable queue between the stages.")),
        latency_seconds=LATENCY_SECONDS,
    )
    killed_dir, retry_dir = tmp_path / "killed", tmp_path / "retried"

    kill_after_requests(start_eval(server, killed_dir), server, REQUESTS_BEFORE_KILL)
    killed = only_log(killed_dir)
    finished_before_kill = {str(sample.id) for sample in killed.samples or []}
    requests_before_retry = len(server.message_requests())
    retry = subprocess.run(
        [INSPECT, "eval-retry", killed.location, "--log-dir", str(retry_dir), *COMMON],
        cwd=PROJECT_ROOT,
        env=server_environment(server),
        capture_output=True,
        text=True,
        timeout=180,
    )

    assert killed.status == "started"  # the killed process never closed its log
    assert 0 < len(finished_before_kill) < DESIGN_SAMPLES
    assert retry.returncode == 0, retry.stderr
    resumed = only_log(retry_dir)
    assert resumed.status == "success"
    assert len(resumed.samples or []) == DESIGN_SAMPLES
    assert all(sample.scores for sample in resumed.samples or [])
    retried_requests = server.message_requests()[requests_before_retry:]
    requested_again = requested_sample_ids(retried_requests, resumed)
    assert requested_again.isdisjoint(finished_before_kill)
    assert len(retried_requests) == DESIGN_SAMPLES - len(finished_before_kill)
