"""The Messages API's wire format: message JSON, server-sent events, and error bodies.

Shapes follow https://docs.anthropic.com/en/api/messages and .../messages-streaming, and what
the installed `anthropic` SDK parses (it accumulates a stream from the events' `index` fields
and reads usage from both `message_start` and `message_delta`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from archbench.testing._recording import RecordedRequest
from archbench.testing._replies import FaultKind, Reply

CHARACTERS_PER_TOKEN = 4
# Small enough that a short scripted answer still arrives as several deltas, as real ones do.
STREAM_CHUNK_CHARACTERS = 24


@dataclass(frozen=True)
class ErrorShape:
    status: int
    error_type: str
    message: str


ERROR_SHAPES: dict[FaultKind, ErrorShape] = {
    FaultKind.RATE_LIMITED: ErrorShape(
        429, "rate_limit_error", "Number of request tokens has exceeded your rate limit."
    ),
    FaultKind.OVERLOADED: ErrorShape(529, "overloaded_error", "Overloaded"),
    FaultKind.SERVER_ERROR: ErrorShape(500, "api_error", "Internal server error"),
    FaultKind.UNAUTHORIZED: ErrorShape(401, "authentication_error", "invalid x-api-key"),
    FaultKind.INVALID_REQUEST: ErrorShape(
        400, "invalid_request_error", "messages: the local server was scripted to reject this"
    ),
}


def new_id(prefix: str) -> str:
    return f"{prefix}_local_{uuid.uuid4().hex[:20]}"


def estimate_tokens(text: str) -> int:
    return max(1, len(text) // CHARACTERS_PER_TOKEN)


def input_tokens(reply: Reply, request: RecordedRequest) -> int:
    if reply.input_tokens is not None:
        return reply.input_tokens
    prompt = {"system": request.system, "messages": request.messages, "tools": request.tools}
    return estimate_tokens(json.dumps(prompt))


def output_tokens(reply: Reply) -> int:
    if reply.output_tokens is not None:
        return reply.output_tokens
    arguments = "".join(json.dumps(dict(call.arguments)) for call in reply.tool_calls)
    return estimate_tokens(reply.text + arguments)


def content_blocks(reply: Reply) -> list[dict[str, Any]]:
    """Text first (omitted when empty beside tool calls), then one tool_use block per call."""
    blocks: list[dict[str, Any]] = []
    if reply.text or not reply.tool_calls:
        blocks.append({"type": "text", "text": reply.text})
    for call in reply.tool_calls:
        blocks.append(
            {
                "type": "tool_use",
                "id": call.id or new_id("toolu"),
                "name": call.name,
                "input": dict(call.arguments),
            }
        )
    return blocks


def usage_json(input_count: int, output_count: int) -> dict[str, Any]:
    return {
        "input_tokens": input_count,
        "output_tokens": output_count,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
    }


def message_json(reply: Reply, request: RecordedRequest, message_id: str) -> dict[str, Any]:
    return {
        "id": message_id,
        "type": "message",
        "role": "assistant",
        "model": request.model or "unknown",
        "content": content_blocks(reply),
        "stop_reason": reply.effective_stop_reason,
        "stop_sequence": None,
        "usage": usage_json(input_tokens(reply, request), output_tokens(reply)),
    }


def stream_events(
    reply: Reply, request: RecordedRequest, message_id: str
) -> Iterator[tuple[str, dict[str, Any]]]:
    """The events of one streamed message, as (event name, data) pairs."""
    complete = message_json(reply, request, message_id)
    opening = complete | {"content": [], "stop_reason": None}
    opening["usage"] = usage_json(complete["usage"]["input_tokens"], 1)
    yield "message_start", {"type": "message_start", "message": opening}
    yield "ping", {"type": "ping"}
    for index, block in enumerate(complete["content"]):
        yield from _block_events(index, block)
    final_delta = {"stop_reason": complete["stop_reason"], "stop_sequence": None}
    final_usage = {"output_tokens": complete["usage"]["output_tokens"]}
    yield "message_delta", {"type": "message_delta", "delta": final_delta, "usage": final_usage}
    yield "message_stop", {"type": "message_stop"}


def _block_events(index: int, block: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    opening, delta_type, delta_field, payload = _streamed_parts(block)
    start = {"type": "content_block_start", "index": index, "content_block": opening}
    yield "content_block_start", start
    for chunk in _chunks(payload):
        delta = {"type": delta_type, delta_field: chunk}
        yield "content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta}
    yield "content_block_stop", {"type": "content_block_stop", "index": index}


def _streamed_parts(block: dict[str, Any]) -> tuple[dict[str, Any], str, str, str]:
    """The empty block opening the stream, the delta type, its field, and the text to send."""
    if block["type"] == "text":
        return {"type": "text", "text": ""}, "text_delta", "text", block["text"]
    return block | {"input": {}}, "input_json_delta", "partial_json", json.dumps(block["input"])


def _chunks(text: str) -> Iterator[str]:
    for start in range(0, len(text), STREAM_CHUNK_CHARACTERS):
        yield text[start : start + STREAM_CHUNK_CHARACTERS]


def error_json(error_type: str, message: str, request_id: str) -> dict[str, Any]:
    return {
        "type": "error",
        "error": {"type": error_type, "message": message},
        "request_id": request_id,
    }


def count_tokens_json(request: RecordedRequest) -> dict[str, Any]:
    return {"input_tokens": input_tokens(Reply(), request)}


def missing_required_fields(request: RecordedRequest, required: tuple[str, ...]) -> list[str]:
    return [name for name in required if name not in request.body]
