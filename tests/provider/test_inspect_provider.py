"""inspect's `anthropic/` provider, unmodified, against the local server (in process).

Retry settings used here, and why (inspect 0.3.285, anthropic SDK 2.14):
- The SDK retries first: 2 retries by default (429, 5xx, 529, dropped connections and its own
  timeouts), waiting `retry-after` when the server sends it, else 0.5 s then 1 s.
- inspect retries what the SDK gave up on, `max_retries` times (unlimited by default), with
  exponential backoff from 3 s (3-6 s, 6-9 s, ...), within `timeout` seconds in all.
- A response slower than the client's timeout needs a short SDK timeout (`model_args`
  `timeout`, `-M timeout=N` on the CLI) or inspect's `attempt_timeout`; the SDK's default is
  10 minutes.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from inspect_ai import eval
from inspect_ai.log import EvalLog
from inspect_ai.model import (
    ChatMessageSystem,
    ChatMessageUser,
    GenerateConfig,
    ModelOutput,
    get_model,
)

from archbench.testing import (
    TRANSIENT_FAULTS,
    Fault,
    FaultKind,
    RecordedRequest,
    Response,
    always,
    with_fault_rate,
)

from .conftest import StartServer
from .scenario import (
    MODEL,
    QUESTION_PATTERN,
    SYSTEM_PROMPT,
    answer_arithmetic,
    arithmetic_task,
    outcomes_by_question,
    planned_outcomes,
    question,
    sample_key,
)

MAX_RETRIES = 3
SDK_MAX_RETRIES = 2  # anthropic.DEFAULT_MAX_RETRIES
CLIENT_TIMEOUT_SECONDS = 1
RETRY_BUDGET_SECONDS = 60
# A SLOW fault answers after this long: far beyond the client's timeout.
SLOW_DELAY_SECONDS = 10.0
# Chosen so this run meets every transient fault kind, including a sample whose three SDK
# attempts all fail and that inspect itself must retry, while staying fast (one 3-6 s backoff).
FAULT_SEED = 39
# The SDK refuses a non-streamed request whose max_tokens could outlast 10 minutes
# (> 21,333 tokens) under its default timeout; inspect asks for 32,000 on this model.
NON_STREAMING_MAX_TOKENS = 8192


def run_eval(
    base_url: str, log_dir: Path, samples: int = 10, cache: bool = False, **options: Any
) -> EvalLog:
    [log] = eval(
        arithmetic_task(samples, cache=cache),
        model=MODEL,
        model_base_url=base_url,
        model_args={"timeout": CLIENT_TIMEOUT_SECONDS},
        max_retries=MAX_RETRIES,
        timeout=RETRY_BUDGET_SECONDS,
        log_dir=str(log_dir),
        display="none",
        **options,
    )
    return log


def correct_sample_ids(log: EvalLog) -> list[int]:
    return sorted(
        int(sample.id)
        for sample in log.samples or []
        if sample.scores and next(iter(sample.scores.values())).value == "C"
    )


async def generate_once(
    base_url: str, streaming: bool, max_tokens: int | None = NON_STREAMING_MAX_TOKENS
) -> ModelOutput:
    config = GenerateConfig(max_tokens=max_tokens)
    model = get_model(MODEL, base_url=base_url, streaming=streaming, config=config, memoize=False)
    try:
        return await model.generate(
            [ChatMessageSystem(content=SYSTEM_PROMPT), ChatMessageUser(content=question(21))]
        )
    finally:
        await model.api.aclose()


@pytest.mark.parametrize("streaming", [False, True])
def test_provider_generates_through_the_server(serve: StartServer, streaming: bool) -> None:
    server = serve()

    output = asyncio.run(generate_once(server.base_url, streaming))

    assert output.completion == "42"
    assert output.usage is not None and output.usage.output_tokens > 0
    [request] = server.message_requests()
    assert request.stream is streaming
    assert request.system_text == SYSTEM_PROMPT
    assert request.model == "claude-sonnet-4-5"


def test_non_streaming_with_inspects_default_max_tokens_is_refused_before_sending(
    serve: StartServer,
) -> None:
    """Pinned pitfall: `-M streaming=false` needs `--max-tokens` <= 21333 (or `-M timeout=N`)."""
    server = serve()

    with pytest.raises(ValueError, match="Streaming is required"):
        asyncio.run(generate_once(server.base_url, streaming=False, max_tokens=None))

    assert server.requests() == []


def test_every_sample_survives_a_thirty_percent_transient_fault_rate(
    serve: StartServer, tmp_path: Path
) -> None:
    slow = Fault(FaultKind.SLOW, delay_seconds=SLOW_DELAY_SECONDS, retry_after_seconds=1)
    faulty = with_fault_rate(
        answer_arithmetic, 0.3, seed=FAULT_SEED, fault_template=slow, request_key=sample_key
    )
    plan = planned_outcomes(faulty, [question(index) for index in range(1, 11)])
    assert any(len(outcomes) > SDK_MAX_RETRIES + 1 for outcomes in plan.values()), (
        "pick a FAULT_SEED where some sample outlasts the SDK's retries"
    )
    server = serve(faulty)

    log = run_eval(server.base_url, tmp_path / "logs")

    assert log.status == "success"
    assert correct_sample_ids(log) == list(range(1, 11))
    # Every fault was retried, nothing was asked twice, no sample was lost.
    assert outcomes_by_question(server.exchanges()) == plan
    # Both retry layers took part, each within its bound.
    requests = server.message_requests()
    assert max(request.sdk_retry_count for request in requests) == SDK_MAX_RETRIES
    assert 2 <= max(inspect_attempts_by_question(requests).values()) <= MAX_RETRIES + 1


def inspect_attempts_by_question(requests: list[RecordedRequest]) -> dict[str, int]:
    """inspect's own attempts per sample: requests the SDK sent fresh (retry count 0)."""
    attempts: dict[str, int] = {}
    for request in requests:
        if request.sdk_retry_count == 0:
            attempts[sample_key(request)] = attempts.get(sample_key(request), 0) + 1
    return attempts


def first_attempt_fails_by_question(request: RecordedRequest) -> Response:
    """Question k's first sending meets the k-th transient fault kind; later ones succeed."""
    match = QUESTION_PATTERN.search(request.first_user_text)
    index = int(match.group(1)) if match else 0
    if request.attempt == 0 and 1 <= index <= len(TRANSIENT_FAULTS):
        kind = TRANSIENT_FAULTS[index - 1]
        return Fault(kind, delay_seconds=SLOW_DELAY_SECONDS, retry_after_seconds=1)
    return answer_arithmetic(request)


def test_each_transient_fault_kind_is_retried_to_the_right_answer(
    serve: StartServer, tmp_path: Path
) -> None:
    server = serve(first_attempt_fails_by_question)

    log = run_eval(server.base_url, tmp_path / "logs", samples=len(TRANSIENT_FAULTS))

    assert log.status == "success"
    assert correct_sample_ids(log) == list(range(1, len(TRANSIENT_FAULTS) + 1))
    outcomes = outcomes_by_question(server.exchanges())
    assert {sent[0] for sent in outcomes.values()} == {kind.value for kind in TRANSIENT_FAULTS}
    assert all(sent[1:] == ["reply"] for sent in outcomes.values())


def test_a_malformed_body_is_not_retried_and_errors_the_sample(
    serve: StartServer, tmp_path: Path
) -> None:
    """Pinned behaviour, not a wish: a 200 with a broken body is final in SDK and inspect."""
    server = serve(always(Fault(FaultKind.MALFORMED)))

    log = run_eval(server.base_url, tmp_path / "logs", samples=1)

    assert log.status == "error"
    assert log.error is not None and "JSONDecodeError" in log.error.traceback
    assert [exchange.outcome for exchange in server.exchanges()] == ["malformed"]


@pytest.mark.parametrize(
    ("server_options", "script", "expected_message"),
    [
        ({"api_key": "the-real-key"}, answer_arithmetic, "invalid x-api-key"),
        ({}, always(Fault(FaultKind.INVALID_REQUEST)), "invalid_request_error"),
    ],
    ids=["401-bad-key", "400-invalid-request"],
)
def test_permanent_errors_end_the_run_at_once_without_retries(
    serve: StartServer,
    tmp_path: Path,
    server_options: dict[str, Any],
    script: Any,
    expected_message: str,
) -> None:
    server = serve(script, **server_options)

    started = time.monotonic()
    # One sample at a time, so "the run ends" is visible: samples after the first never ask.
    log = run_eval(server.base_url, tmp_path / "logs", samples=5, max_samples=1)
    elapsed = time.monotonic() - started

    assert log.status == "error"
    assert log.error is not None and expected_message in log.error.message
    [request] = server.message_requests()
    assert request.attempt == 0 and request.sdk_retry_count == 0
    print(f"{log.error.message[:60]!r}... ended the run in {elapsed:.1f} s")


def test_second_identical_run_with_generate_cache_makes_no_requests(
    serve: StartServer, tmp_path: Path
) -> None:
    server = serve()

    first = run_eval(server.base_url, tmp_path / "first", samples=5, cache=True)
    requests_after_first_run = len(server.requests())
    second = run_eval(server.base_url, tmp_path / "second", samples=5, cache=True)

    assert first.status == second.status == "success"
    assert requests_after_first_run == 5
    assert len(server.requests()) == requests_after_first_run
    assert correct_sample_ids(second) == [1, 2, 3, 4, 5]
