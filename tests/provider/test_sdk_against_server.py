"""The official `anthropic` SDK talks to the local server as it would to the real API."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import anthropic
import pytest
from anthropic.types import Message, TextBlock, ToolUseBlock

from archbench.testing import (
    Fault,
    FaultKind,
    Reply,
    ToolCall,
    always,
    read_request_log,
    reply_by_substring,
)

from .conftest import StartServer
from .scenario import question

MODEL = "claude-sonnet-4-5"
TOOL_REPLY = Reply(
    text="Let me look.", tool_calls=(ToolCall("bash", {"command": "ls -la", "cwd": "/srv"}),)
)


def client_for(base_url: str, **options: float) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=base_url, api_key="dummy", **options)  # type: ignore[arg-type]


def ask(client: anthropic.Anthropic, text: str, system: str = "Be brief.") -> Message:
    return client.messages.create(
        model=MODEL,
        max_tokens=256,
        system=system,
        stop_sequences=["\n\nHuman:"],
        messages=[{"role": "user", "content": text}],
    )


def ask_streamed(client: anthropic.Anthropic, text: str) -> tuple[Message, list[str]]:
    """The accumulated message and the event types in arrival order."""
    with client.messages.stream(
        model=MODEL, max_tokens=256, messages=[{"role": "user", "content": text}]
    ) as stream:
        event_types: list[str] = [event.type for event in stream]
        final: Message = stream.get_final_message()
        return final, event_types


def test_plain_json_reply_has_text_usage_and_stop_reason(serve: StartServer) -> None:
    server = serve(reply_by_substring({"capital": Reply(text="Paris")}))

    message = ask(client_for(server.base_url), "What is the capital of France?")

    assert [block.text for block in message.content if isinstance(block, TextBlock)] == ["Paris"]
    assert message.stop_reason == "end_turn"
    assert message.model == MODEL
    assert message.usage.input_tokens > 0 and message.usage.output_tokens > 0


def test_streamed_reply_sends_every_event_type_and_accumulates_the_text(
    serve: StartServer,
) -> None:
    long_text = "A streamed answer long enough to arrive in several text deltas."
    server = serve(always(Reply(text=long_text)))

    message, event_types = ask_streamed(client_for(server.base_url), "Hello")

    assert [block.text for block in message.content if isinstance(block, TextBlock)] == [long_text]
    assert event_types.count("text") > 1
    for raw_event in ("message_start", "content_block_stop", "message_delta", "message_stop"):
        assert raw_event in event_types
    assert message.usage.output_tokens > 1
    assert message.stop_reason == "end_turn"


@pytest.mark.parametrize("streamed", [False, True])
def test_scripted_tool_call_arrives_as_a_tool_use_block(serve: StartServer, streamed: bool) -> None:
    server = serve(always(TOOL_REPLY))
    client = client_for(server.base_url)

    message = ask_streamed(client, "list files")[0] if streamed else ask(client, "list files")

    tool_blocks = [block for block in message.content if isinstance(block, ToolUseBlock)]
    assert [(block.name, block.input) for block in tool_blocks] == [
        ("bash", {"command": "ls -la", "cwd": "/srv"})
    ]
    assert tool_blocks[0].id.startswith("toolu_")
    assert message.stop_reason == "tool_use"
    assert isinstance(message.content[0], TextBlock) and message.content[0].text == "Let me look."


def test_every_request_is_recorded_as_sent_without_the_key(serve: StartServer) -> None:
    server = serve()
    system = "Line one.\n\n  Indented line, trailing space \nünïcode ✓"

    ask(client_for(server.base_url), question(4), system=system)

    [request] = server.requests()
    assert request.system == system
    assert request.model == MODEL
    assert request.messages == [{"role": "user", "content": question(4)}]
    assert request.parameters == {"max_tokens": 256, "stop_sequences": ["\n\nHuman:"]}
    assert request.stream is False
    assert "x-api-key" not in request.headers
    assert request.headers["anthropic-version"]
    assert request.received_at == pytest.approx(time.time(), abs=30)


def test_request_log_file_holds_every_exchange_for_other_processes(
    serve: StartServer, tmp_path: Path
) -> None:
    log_path = tmp_path / "requests.jsonl"
    server = serve(
        reply_by_substring({"reject": Fault(FaultKind.INVALID_REQUEST)}),
        request_log_path=log_path,
    )
    client = client_for(server.base_url, max_retries=0)

    ask(client, "first", system="S1")
    with pytest.raises(anthropic.BadRequestError):
        ask(client, "please reject", system="S2")

    logged = read_request_log(log_path)
    assert [(e.request.system, e.outcome) for e in logged] == [
        ("S1", "reply"),
        ("S2", "invalid_request"),
    ]
    assert all("x-api-key" not in e.request.headers for e in logged)
    assert "dummy" not in log_path.read_text(encoding="utf-8")


def test_count_tokens_endpoint_answers(serve: StartServer) -> None:
    server = serve()

    counted = client_for(server.base_url).messages.count_tokens(
        model=MODEL, messages=[{"role": "user", "content": "How many tokens is this?"}]
    )

    assert counted.input_tokens > 0
    assert [request.path for request in server.requests()] == ["/v1/messages/count_tokens"]


def test_wrong_api_key_gets_a_permanent_401_in_anthropic_error_shape(serve: StartServer) -> None:
    server = serve(api_key="the-real-key")

    with pytest.raises(anthropic.AuthenticationError) as raised:
        ask(client_for(server.base_url), "hello")

    assert raised.value.status_code == 401
    assert isinstance(raised.value.body, dict)
    assert raised.value.body["type"] == "error"
    assert raised.value.body["error"] == {
        "type": "authentication_error",
        "message": "invalid x-api-key",
    }
    # 4xx other than 408/409/429 are final: the SDK must not have retried.
    assert len(server.requests()) == 1


@pytest.mark.parametrize(
    ("kind", "status", "error_class"),
    [
        (FaultKind.RATE_LIMITED, 429, anthropic.RateLimitError),
        (FaultKind.OVERLOADED, 529, anthropic.APIStatusError),
        (FaultKind.SERVER_ERROR, 500, anthropic.InternalServerError),
        (FaultKind.INVALID_REQUEST, 400, anthropic.BadRequestError),
    ],
)
def test_error_faults_have_their_status_and_error_type(
    serve: StartServer, kind: FaultKind, status: int, error_class: type[anthropic.APIStatusError]
) -> None:
    server = serve(always(Fault(kind, retry_after_seconds=7)))

    with pytest.raises(error_class) as raised:
        ask(client_for(server.base_url, max_retries=0), "hello")

    assert raised.value.status_code == status
    assert isinstance(raised.value.body, dict)
    assert raised.value.body["error"]["type"].endswith("_error")
    expected_retry_after = "7" if kind is FaultKind.RATE_LIMITED else None
    assert raised.value.response.headers.get("retry-after") == expected_retry_after


def test_sdk_retries_honour_retry_after(serve: StartServer) -> None:
    server = serve(
        lambda request: (
            Fault(FaultKind.RATE_LIMITED, retry_after_seconds=1)
            if request.attempt == 0
            else Reply(text="after the wait")
        )
    )

    started = time.monotonic()
    message = ask(client_for(server.base_url, max_retries=1), "hello")
    waited = time.monotonic() - started

    assert isinstance(message.content[0], TextBlock) and message.content[0].text == "after the wait"
    assert 0.9 <= waited < 4  # upper bound generous: 2 cores shared with other jobs
    assert [r.sdk_retry_count for r in server.requests()] == [0, 1]


def test_dropped_connection_is_a_connection_error(serve: StartServer) -> None:
    server = serve(always(Fault(FaultKind.DROPPED_CONNECTION)))

    with pytest.raises(anthropic.APIConnectionError):
        ask(client_for(server.base_url, max_retries=0), "hello")


def test_slow_reply_outlasts_the_client_timeout(serve: StartServer) -> None:
    server = serve(always(Fault(FaultKind.SLOW, delay_seconds=5)))

    started = time.monotonic()
    with pytest.raises(anthropic.APITimeoutError):
        ask(client_for(server.base_url, max_retries=0, timeout=0.5), "hello")

    assert time.monotonic() - started < 4  # the slow answer would take 5 s


@pytest.mark.parametrize("streamed", [False, True])
def test_malformed_body_fails_to_parse(serve: StartServer, streamed: bool) -> None:
    server = serve(always(Fault(FaultKind.MALFORMED)))
    client = client_for(server.base_url, max_retries=0)

    with pytest.raises(ValueError, match="Unterminated string"):
        ask_streamed(client, "hello") if streamed else ask(client, "hello")


def test_latency_delays_each_answer_but_not_concurrent_ones(serve: StartServer) -> None:
    server = serve(latency_seconds=0.5)
    client = client_for(server.base_url)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        messages = list(pool.map(lambda n: ask(client, question(n)), range(8)))
    elapsed = time.monotonic() - started

    assert [m.content[0].text for m in messages] == [str(2 * n) for n in range(8)]  # type: ignore[union-attr]
    assert 0.5 <= elapsed < 3  # one after another would take 4 s
    assert sorted(r.sequence for r in server.requests()) == list(range(8))
