"""Script helpers, fault draws and the request log, without any network."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from archbench.testing import (
    TRANSIENT_FAULTS,
    Fault,
    FaultKind,
    RecordedRequest,
    Reply,
    RequestLog,
    ScriptFileError,
    always,
    fail_first_attempts,
    load_script_file,
    reply_by_substring,
    with_fault_rate,
)

OK = Reply(text="ok")


def admit(log: RequestLog, body: dict[str, Any]) -> RecordedRequest:
    raw = json.dumps(body).encode()
    return log.admit("/v1/messages", {"X-Api-Key": "secret", "Anthropic-Version": "v"}, body, raw)


def user_body(*contents: Any, system: Any = None) -> dict[str, Any]:
    messages = [{"role": "user", "content": content} for content in contents]
    body: dict[str, Any] = {"model": "m", "max_tokens": 10, "messages": messages}
    if system is not None:
        body["system"] = system
    return body


def test_attempt_counts_earlier_requests_with_the_same_body() -> None:
    log = RequestLog()

    attempts = [admit(log, user_body(text)).attempt for text in ["a", "b", "a", "a", "b"]]

    assert attempts == [0, 0, 1, 2, 1]
    assert [request.sequence for request in log.requests()] == [0, 1, 2, 3, 4]


def test_concurrent_admissions_get_distinct_sequence_numbers() -> None:
    log = RequestLog()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda n: admit(log, user_body(f"question {n % 10}")), range(400)))

    requests = log.requests()
    assert sorted(r.sequence for r in requests) == list(range(400))
    assert sorted(r.attempt for r in requests if r.first_user_text == "question 3") == list(
        range(40)
    )


def test_recorded_request_drops_secret_headers_and_reads_block_content() -> None:
    system_blocks = [{"type": "text", "text": "Part one. "}, {"type": "text", "text": "Two."}]
    tool_result = {"type": "tool_result", "tool_use_id": "t1", "content": "file.txt"}
    body = user_body("first question", [tool_result], system=system_blocks) | {"top_k": 3}

    request = admit(RequestLog(), body)

    assert request.headers == {"anthropic-version": "v"}
    assert request.system == system_blocks
    assert request.system_text == "Part one. Two."
    assert request.first_user_text == "first question"
    assert request.last_user_text == "file.txt"
    assert request.parameters == {"max_tokens": 10, "top_k": 3}


def test_reply_by_substring_matches_the_chosen_user_message() -> None:
    log = RequestLog()
    request = admit(log, user_body("task alpha", "tool output beta"))
    rules = {"alpha": Reply(text="A"), "beta": Reply(text="B")}

    assert reply_by_substring(rules)(request) == Reply(text="B")
    assert reply_by_substring(rules, message="first_user")(request) == Reply(text="A")
    assert reply_by_substring({"gamma": OK}, default=Reply(text="D"))(request) == Reply(text="D")


def test_fail_first_attempts_then_defers() -> None:
    log = RequestLog()
    script = fail_first_attempts(Fault(FaultKind.OVERLOADED), attempts=2, then=always(OK))

    answers = [script(admit(log, user_body("same"))) for _ in range(3)]

    assert answers == [Fault(FaultKind.OVERLOADED), Fault(FaultKind.OVERLOADED), OK]


def test_fault_rate_is_reproducible_and_close_to_the_rate() -> None:
    first_log, second_log = RequestLog(), RequestLog()
    bodies = [user_body(f"question {n}") for n in range(2000)]
    script = with_fault_rate(always(OK), 0.3, seed=11)

    first = [script(admit(first_log, body)) for body in bodies]
    second = [script(admit(second_log, body)) for body in reversed(bodies)]

    assert first == list(reversed(second))  # order of arrival does not matter
    faults = [answer for answer in first if isinstance(answer, Fault)]
    assert 0.26 < len(faults) / len(bodies) < 0.34
    assert {fault.kind for fault in faults} == set(TRANSIENT_FAULTS)


def test_a_retried_request_gets_a_fresh_draw() -> None:
    log = RequestLog()
    script = with_fault_rate(always(OK), 0.5, seed=1)

    answers = [script(admit(log, user_body("retried"))) for _ in range(40)]

    assert OK in answers and any(isinstance(answer, Fault) for answer in answers)


@pytest.mark.parametrize("rate", [-0.1, 1.5])
def test_fault_rate_outside_zero_to_one_is_rejected(rate: float) -> None:
    with pytest.raises(ValueError, match="fault rate"):
        with_fault_rate(always(OK), rate)


def test_script_file_builds_rules_default_and_fault_rate(tmp_path: Path) -> None:
    path = tmp_path / "script.yaml"
    path.write_text(
        "default: {fault: {kind: overloaded}}\n"
        "rules: [{contains: hi, reply: {text: hello, output_tokens: 5}}]\n"
        "latency_seconds: 0.5\n",
        encoding="utf-8",
    )

    script_file = load_script_file(path)
    script = script_file.to_script()
    log = RequestLog()

    assert script(admit(log, user_body("hi there"))) == Reply(text="hello", output_tokens=5)
    assert script(admit(log, user_body("bye"))) == Fault(FaultKind.OVERLOADED)
    assert script_file.latency_seconds == 0.5


def test_script_file_with_an_unknown_fault_kind_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "script.yaml"
    path.write_text("default: {fault: {kind: meteor_strike}}\n", encoding="utf-8")

    with pytest.raises(ScriptFileError, match=r"script\.yaml") as raised:
        load_script_file(path)

    assert "meteor_strike" in str(raised.value)
