"""What the local Messages API answers: scripted replies, injected faults, and script helpers.

A script is a plain callable `(RecordedRequest) -> Reply | Fault`, so a test can answer per
sample (by the prompt text) rather than by arrival order, which is nondeterministic once
inspect runs samples concurrently.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Literal, TypeAlias

from pydantic import ConfigDict, with_config

from archbench.testing._recording import RecordedRequest

StopReason = Literal["end_turn", "max_tokens", "stop_sequence", "tool_use", "refusal"]
# Script files (`_script_file`) validate replies and faults straight into these dataclasses;
# an unknown key there is a typo, not something to ignore. Direct construction is unaffected.
_FROM_SCRIPT_FILES = ConfigDict(extra="forbid")


@with_config(_FROM_SCRIPT_FILES)
@dataclass(frozen=True)
class ToolCall:
    """A scripted `tool_use` block; the id is generated when not given."""

    name: str
    arguments: Mapping[str, Any] = field(default_factory=dict)
    id: str | None = None


@with_config(_FROM_SCRIPT_FILES)
@dataclass(frozen=True)
class Reply:
    """A successful assistant message.

    Token counts default to a rough estimate (4 characters a token) so clients that need usage
    (inspect refuses to count tokens offline) always get it.
    """

    text: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    stop_reason: StopReason | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None

    @property
    def effective_stop_reason(self) -> StopReason:
        if self.stop_reason is not None:
            return self.stop_reason
        return "tool_use" if self.tool_calls else "end_turn"


class FaultKind(StrEnum):
    """Failures the server can inject, named after what the client experiences."""

    RATE_LIMITED = "rate_limited"  # 429 rate_limit_error with retry-after
    OVERLOADED = "overloaded"  # 529 overloaded_error
    SERVER_ERROR = "server_error"  # 500 api_error
    DROPPED_CONNECTION = "dropped_connection"  # socket closed before any response byte
    SLOW = "slow"  # a correct answer that arrives after `delay_seconds`
    MALFORMED = "malformed"  # 200 OK whose body is not valid JSON
    UNAUTHORIZED = "unauthorized"  # 401 authentication_error (permanent)
    INVALID_REQUEST = "invalid_request"  # 400 invalid_request_error (permanent)


# The faults a client is expected to survive by retrying. MALFORMED is not among them: neither
# the SDK (2.14) nor inspect (0.3.285) retries a 200 whose body fails to parse, so the sample
# errors with a JSONDecodeError (tests/provider pin that down).
TRANSIENT_FAULTS: tuple[FaultKind, ...] = (
    FaultKind.RATE_LIMITED,
    FaultKind.OVERLOADED,
    FaultKind.SERVER_ERROR,
    FaultKind.DROPPED_CONNECTION,
    FaultKind.SLOW,
)


@with_config(_FROM_SCRIPT_FILES)
@dataclass(frozen=True)
class Fault:
    """An injected failure for one request."""

    kind: FaultKind
    retry_after_seconds: float = 1.0
    delay_seconds: float = 30.0
    message: str | None = None


Response: TypeAlias = Reply | Fault
Script: TypeAlias = Callable[[RecordedRequest], Response]

DEFAULT_REPLY = Reply(text="This is a scripted answer from the local Messages API server.")


def always(response: Response) -> Script:
    """A script answering every request the same way."""

    def answer(_request: RecordedRequest) -> Response:
        return response

    return answer


def reply_by_substring(
    rules: Mapping[str, Response],
    default: Response = DEFAULT_REPLY,
    *,
    message: Literal["first_user", "last_user"] = "last_user",
) -> Script:
    """Answer with the first rule whose key occurs in the chosen user message, else `default`.

    `first_user` identifies a sample by its prompt even deep into an agent loop, where the last
    user message is a tool result.
    """

    def answer(request: RecordedRequest) -> Response:
        text = request.first_user_text if message == "first_user" else request.last_user_text
        return next((reply for key, reply in rules.items() if key in text), default)

    return answer


def fail_first_attempts(fault: Fault, attempts: int, then: Script) -> Script:
    """Fail the first `attempts` sendings of every distinct request body, then defer to `then`."""

    def answer(request: RecordedRequest) -> Response:
        return fault if request.attempt < attempts else then(request)

    return answer


def with_fault_rate(
    script: Script,
    rate: float,
    *,
    seed: int = 0,
    kinds: Collection[FaultKind] = TRANSIENT_FAULTS,
    fault_template: Fault | None = None,
    request_key: Callable[[RecordedRequest], str] = lambda request: request.body_digest,
) -> Script:
    """Replace a fraction `rate` of answers with faults drawn from `kinds`.

    The draw is seeded by (seed, request key, attempt number) rather than by arrival order, so
    the same run meets the same faults however its concurrent requests interleave. The default
    key, the body's digest, changes whenever the client changes its request in any detail; key
    by the prompt text (e.g. `RecordedRequest.first_user_text`) for draws that survive upgrades.
    """
    if not 0.0 <= rate <= 1.0:
        raise ValueError(f"fault rate must be within [0, 1], got {rate}")
    choices = tuple(kinds)
    if rate > 0 and not choices:
        raise ValueError("a positive fault rate needs at least one fault kind")
    template = fault_template or Fault(kind=FaultKind.SERVER_ERROR)

    def answer(request: RecordedRequest) -> Response:
        draw = random.Random(f"{seed}:{request_key(request)}:{request.attempt}")
        if draw.random() < rate:
            return replace(template, kind=draw.choice(choices))
        return script(request)

    return answer
