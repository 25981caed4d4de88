"""Scripts as YAML/JSON files, for running the server as a separate process.

Two formats are read. The shared one, `archbench.core.script.SCRIPT_SHAPE` (`when` / `reply`
rules matched against the whole conversation), is the one the offline provider reads too, so a
single file drives both (see `examples/`). The server's own format adds faults and latency:

```yaml
default: {text: "fallback answer"}         # or {fault: {kind: server_error}}
rules:                                      # first match wins
  - contains: "FastAPI"                     # substring of the chosen user message
    in: first_user                          # first_user | last_user (default)
    reply: {text: "...", tool_calls: [{name: bash, arguments: {command: ls}}]}
  - contains: "bad request"
    fault: {kind: invalid_request}
fault_rate: 0.3                             # transient faults replacing answers at random
fault_seed: 7
fault_kinds: [rate_limited, overloaded]     # default: all transient kinds
latency_seconds: 1.0
```
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from archbench.core.script import Script as SharedScript
from archbench.core.script import ScriptError, parse_script
from archbench.testing._recording import RecordedRequest
from archbench.testing._replies import (
    DEFAULT_REPLY,
    TRANSIENT_FAULTS,
    Fault,
    FaultKind,
    Reply,
    Response,
    Script,
    ToolCall,
    with_fault_rate,
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AnswerSpec(_Strict):
    """Exactly one of `reply` and `fault`."""

    reply: Reply | None = None
    fault: Fault | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> AnswerSpec:
        if (self.reply is None) == (self.fault is None):
            raise ValueError("give exactly one of 'reply' and 'fault'")
        return self

    def to_response(self) -> Response:
        return self.fault if self.fault is not None else self._reply()

    def _reply(self) -> Reply:
        assert self.reply is not None  # guaranteed by _exactly_one
        return self.reply


class RuleSpec(AnswerSpec):
    contains: str
    in_message: Literal["first_user", "last_user"] = Field(default="last_user", alias="in")

    def matches(self, request: RecordedRequest) -> bool:
        text = (
            request.first_user_text if self.in_message == "first_user" else request.last_user_text
        )
        return self.contains in text


class ScriptFile(_Strict):
    default: AnswerSpec = AnswerSpec(reply=DEFAULT_REPLY)
    rules: list[RuleSpec] = Field(default_factory=list)
    fault_rate: float = Field(default=0.0, ge=0.0, le=1.0)
    fault_seed: int = 0
    fault_kinds: list[FaultKind] = Field(default_factory=lambda: list(TRANSIENT_FAULTS))
    latency_seconds: float = Field(default=0.0, ge=0.0)

    def to_script(self) -> Script:
        rules = [(rule, rule.to_response()) for rule in self.rules]
        default = self.default.to_response()

        def answer(request: RecordedRequest) -> Response:
            return next((response for rule, response in rules if rule.matches(request)), default)

        if self.fault_rate == 0:
            return answer
        return with_fault_rate(
            answer, self.fault_rate, seed=self.fault_seed, kinds=self.fault_kinds
        )


@dataclass(frozen=True)
class SharedScriptFile:
    """A script in the shared format, answered by the server as the offline provider would."""

    script: SharedScript
    latency_seconds: float = 0.0

    def to_script(self) -> Script:
        def answer(request: RecordedRequest) -> Response:
            rule = self.script.choose(request.conversation_text, request.assistant_turn)
            if rule.error:
                return Fault(kind=FaultKind.SERVER_ERROR, message=rule.error)
            calls = tuple(ToolCall(call.function, call.arguments) for call in rule.tool_calls)
            return Reply(text=rule.reply, tool_calls=calls)

        return answer


def is_shared_format(data: Any) -> bool:
    """`when` rules or a plain-text default: the format the offline provider reads."""
    if not isinstance(data, dict):
        return False
    rules = data.get("rules") or []
    uses_when = any(isinstance(rule, dict) and "contains" not in rule for rule in rules)
    return isinstance(data.get("default"), str) or uses_when


class ScriptFileError(ValueError):
    """A script file that cannot be read or does not follow the format."""


def load_script_file(path: Path) -> ScriptFile | SharedScriptFile:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ScriptFileError(f"{path}: cannot read the script: {error}") from error
    if is_shared_format(data):
        try:
            return SharedScriptFile(parse_script(data, str(path)))
        except ScriptError as error:
            raise ScriptFileError(str(error)) from error
    try:
        return ScriptFile.model_validate(data)
    except ValidationError as error:
        raise ScriptFileError(f"{path}: not a usable Messages API script: {error}") from error
