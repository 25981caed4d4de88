"""Scripted replies for the offline model: pick a reply from the conversation, no model needed.

A script is a list of rules; the first rule whose `when` text occurs in the conversation (and
whose `turn`, if given, is the assistant turn being generated) decides the reply. Matching on the
conversation instead of call order keeps concurrent samples deterministic.

The same file drives `--model archbench/offline -M script=FILE` and the local Messages API
server (`python -m archbench.testing.messages_api --script FILE`); `SCRIPT_SHAPE` is the format.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from archbench.core.errors import ArchbenchError

SCRIPT_SHAPE = """\
default: "the reply when no rule matches"
rules:                                  # the first matching rule answers
  - when: "text in the conversation"    # system prompt, user and assistant messages, tool results
    # or: when: ["a phrase of the v2 prompt", "a phrase of one request"]  (all must occur)
    turn: 1                             # optional: only the first assistant turn
    reply: "the assistant's text"
    tool_calls:                         # optional
      - {function: Write, arguments: {file_path: app.py, content: "..."}}
  - when: "another text"
    error: "a failure to raise instead of replying"
"""


class ScriptedToolCall(BaseModel):
    model_config = ConfigDict(extra="forbid")

    function: str
    arguments: dict[str, Any] = Field(default_factory=dict)


class ScriptRule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # A text, or several that must all occur (e.g. a phrase of one prompt version and a phrase
    # of one sample's request).
    when: str | list[str] = ""
    turn: int | None = Field(default=None, ge=1)
    reply: str = ""
    tool_calls: list[ScriptedToolCall] = Field(default_factory=list)
    error: str | None = None

    def matches(self, conversation: str, turn: int) -> bool:
        texts = [self.when] if isinstance(self.when, str) else self.when
        matched = all(text in conversation for text in texts)
        return matched and (self.turn is None or self.turn == turn)


class Script(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[ScriptRule] = Field(default_factory=list)
    default: str = ""

    def choose(self, conversation: str, turn: int) -> ScriptRule:
        """The first matching rule, else a rule replying with the default text."""
        for rule in self.rules:
            if rule.matches(conversation, turn):
                return rule
        return ScriptRule(reply=self.default)


class ScriptError(ArchbenchError):
    """A script that does not follow the format; the message shows the expected shape."""


def parse_script(data: object, source: str) -> Script:
    """Validate parsed YAML/JSON as a Script; errors name `source`, the field and the shape."""
    try:
        return Script.model_validate(data if data is not None else {})
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in item['loc']) or '(top level)'}: {item['msg']}"
            for item in error.errors()
        )
        raise ScriptError(
            f"{source}: not a reply script: {problems}\nexpected shape:\n{SCRIPT_SHAPE}"
        ) from error
