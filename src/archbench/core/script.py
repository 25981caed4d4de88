"""Scripted replies for the offline model: pick a reply from the conversation, no model needed.

A script is a list of rules; the first rule whose `when` text occurs in the conversation (and
whose `turn`, if given, is the assistant turn being generated) decides the reply. Matching on the
conversation instead of call order keeps concurrent samples deterministic.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ScriptedToolCall(BaseModel):
    model_config = ConfigDict(extra="forbid")

    function: str
    arguments: dict[str, Any] = Field(default_factory=dict)


class ScriptRule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    when: str = ""
    turn: int | None = Field(default=None, ge=1)
    reply: str = ""
    tool_calls: list[ScriptedToolCall] = Field(default_factory=list)
    error: str | None = None

    def matches(self, conversation: str, turn: int) -> bool:
        return self.when in conversation and (self.turn is None or self.turn == turn)


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
