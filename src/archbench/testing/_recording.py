"""The server's memory of what clients sent: thread-safe in process, JSONL across processes."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Never written to a log: a log file may be attached to a bug report.
SECRET_HEADERS = frozenset({"x-api-key", "authorization"})
# The Messages API's top-level fields that are content rather than sampling parameters.
CONTENT_FIELDS = frozenset({"model", "system", "messages", "tools", "stream"})


@dataclass(frozen=True)
class RecordedRequest:
    """One HTTP request as received. `attempt` counts earlier requests with the same body."""

    sequence: int
    received_at: float
    path: str
    headers: Mapping[str, str]
    body: Mapping[str, Any]
    body_digest: str
    attempt: int

    @property
    def model(self) -> str | None:
        model = self.body.get("model")
        return model if isinstance(model, str) else None

    @property
    def system(self) -> str | list[Any] | None:
        """The `system` field exactly as sent: a string, a list of text blocks, or absent."""
        system = self.body.get("system")
        return system if isinstance(system, str | list) else None

    @property
    def system_text(self) -> str | None:
        """The system prompt's text; blocks are concatenated without separators."""
        system = self.system
        if system is None or isinstance(system, str):
            return system
        return "".join(_text_of_blocks(system))

    @property
    def messages(self) -> list[dict[str, Any]]:
        messages = self.body.get("messages")
        return messages if isinstance(messages, list) else []

    @property
    def tools(self) -> list[dict[str, Any]]:
        tools = self.body.get("tools")
        return tools if isinstance(tools, list) else []

    @property
    def stream(self) -> bool:
        return self.body.get("stream") is True

    @property
    def parameters(self) -> dict[str, Any]:
        """Sampling and control parameters: everything but model, system, messages, tools."""
        return {key: value for key, value in self.body.items() if key not in CONTENT_FIELDS}

    @property
    def sdk_retry_count(self) -> int:
        """The official SDK's own retry counter (`x-stainless-retry-count`), 0 if absent."""
        value = self.headers.get("x-stainless-retry-count", "0")
        return int(value) if value.isdigit() else 0

    @property
    def first_user_text(self) -> str:
        return _user_texts(self.messages, first=True)

    @property
    def last_user_text(self) -> str:
        return _user_texts(self.messages, first=False)

    @property
    def conversation_text(self) -> str:
        """The system prompt and every message's text, one per line: what the offline
        provider matches a script's `when` against, so one script file serves both."""
        texts = [self.system_text or ""] if self.system_text else []
        texts += [_message_text(message) for message in self.messages]
        return "\n".join(texts)

    @property
    def assistant_turn(self) -> int:
        """The assistant turn being generated: 1 + assistant messages so far."""
        return 1 + sum(1 for message in self.messages if message.get("role") == "assistant")


@dataclass(frozen=True)
class Exchange:
    """A request and how the server answered it: `reply`, a fault kind, or an error type."""

    request: RecordedRequest
    outcome: str


def _user_texts(messages: list[dict[str, Any]], first: bool) -> str:
    user_messages = [m for m in messages if m.get("role") == "user"]
    if not user_messages:
        return ""
    return _message_text(user_messages[0 if first else -1])


def _message_text(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, str):
        return content
    return "\n".join(_text_of_blocks(content if isinstance(content, list) else []))


def _text_of_blocks(blocks: list[Any]) -> list[str]:
    """Text of `text` blocks and of string `tool_result` contents, in order."""
    texts: list[str] = []
    for block in blocks:
        if not isinstance(block, dict):
            continue
        if block.get("type") == "text":
            texts.append(str(block.get("text", "")))
        elif block.get("type") == "tool_result" and isinstance(block.get("content"), str):
            texts.append(block["content"])
    return texts


def digest_body(raw_body: bytes) -> str:
    return hashlib.sha256(raw_body).hexdigest()[:16]


class RequestLog:
    """Every request in arrival order, safe to read while server threads append.

    With `path` set, each settled exchange is also appended to a JSONL file, flushed at once,
    so a test in another process can read what was sent while the client still runs.
    """

    def __init__(self, path: Path | None = None) -> None:
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._exchanges: list[Exchange] = []
        self._sendings_by_digest: Counter[str] = Counter()
        self._path = path
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("", encoding="utf-8")

    def admit(
        self, path: str, headers: Mapping[str, str], body: Mapping[str, Any], raw_body: bytes
    ) -> RecordedRequest:
        """Record an arriving request, numbering it and counting earlier identical bodies."""
        digest = digest_body(raw_body)
        with self._lock:
            request = RecordedRequest(
                sequence=len(self._requests),
                received_at=time.time(),
                path=path,
                headers=_without_secrets(headers),
                body=body,
                body_digest=digest,
                attempt=self._sendings_by_digest[digest],
            )
            self._sendings_by_digest[digest] += 1
            self._requests.append(request)
        return request

    def settle(self, request: RecordedRequest, outcome: str) -> None:
        """Record how a request was answered (before the answer is sent)."""
        exchange = Exchange(request=request, outcome=outcome)
        with self._lock:
            self._exchanges.append(exchange)
            if self._path is not None:
                with self._path.open("a", encoding="utf-8") as log_file:
                    log_file.write(json.dumps(exchange_to_json(exchange)) + "\n")

    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def exchanges(self) -> list[Exchange]:
        with self._lock:
            return list(self._exchanges)


def _without_secrets(headers: Mapping[str, str]) -> dict[str, str]:
    lowered = {name.lower(): value for name, value in headers.items()}
    return {name: value for name, value in lowered.items() if name not in SECRET_HEADERS}


def exchange_to_json(exchange: Exchange) -> dict[str, Any]:
    request = exchange.request
    return {
        "sequence": request.sequence,
        "received_at": request.received_at,
        "path": request.path,
        "attempt": request.attempt,
        "body_digest": request.body_digest,
        "outcome": exchange.outcome,
        "headers": dict(request.headers),
        "body": request.body,
    }


def exchange_from_json(record: Mapping[str, Any]) -> Exchange:
    request = RecordedRequest(
        sequence=int(record["sequence"]),
        received_at=float(record["received_at"]),
        path=str(record["path"]),
        headers=dict(record["headers"]),
        body=dict(record["body"]),
        body_digest=str(record["body_digest"]),
        attempt=int(record["attempt"]),
    )
    return Exchange(request=request, outcome=str(record["outcome"]))


def read_request_log(path: Path) -> list[Exchange]:
    """Exchanges from a JSONL request log written by another process, in log order."""
    exchanges: list[Exchange] = []
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            exchanges.append(exchange_from_json(json.loads(line)))
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{line_number}: not a request log record: {error}") from error
    return exchanges
