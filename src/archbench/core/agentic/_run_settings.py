"""How a task runs its agent: the mode, the per-sample limits and the simulated user."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from archbench.core.agentic._clarification import ClarificationPolicy
from archbench.core.errors import ArchbenchError
from archbench.core.registry import kinds_where

AGENTIC_HARNESS_VERSION = "2"  # 2: findings may carry `lines: [first, last]`

Mode = Literal["single", "agentic"]
MODES: tuple[Mode, ...] = ("single", "agentic")
TaskLimitName = Literal["message_limit", "token_limit", "time_limit"]

# `design` asks for prose, not work in a repository: it has no agentic mode.
AGENTIC_KINDS = kinds_where(agentic=True)


def validate_mode(kind: str, mode: str) -> Mode:
    """`mode` as a Mode; an ArchbenchError naming the choices when it is not one for `kind`."""
    if mode == "single":
        return "single"
    if mode != "agentic":
        raise ArchbenchError(f"unknown mode '{mode}': use single or agentic")
    if kind not in AGENTIC_KINDS:
        raise ArchbenchError(f"'{kind}' has no agentic mode (only {', '.join(AGENTIC_KINDS)})")
    return "agentic"


@dataclass(frozen=True)
class AgenticLimits:
    """Per-sample limits of an agentic run (inspect's message, token and time limits)."""

    messages: int = 120
    tokens: int = 2_000_000
    seconds: int = 1800

    def as_task_limits(self) -> dict[str, int]:
        """The limits under the names of inspect's Task arguments."""
        return {
            "message_limit": self.messages,
            "token_limit": self.tokens,
            "time_limit": self.seconds,
        }


@dataclass(frozen=True)
class RunSettings:
    """How a task runs its agent: single-turn or agentic, and the simulated user's reply."""

    mode: Mode = "single"
    honor_model: bool = False
    clarification: ClarificationPolicy = field(default_factory=ClarificationPolicy)
    limits: AgenticLimits = field(default_factory=AgenticLimits)

    def task_limits(self) -> dict[str, int]:
        """inspect Task limits; a single-turn answer needs none (it is one generation)."""
        return self.limits.as_task_limits() if self.mode == "agentic" else {}

    def task_limit(self, name: TaskLimitName) -> int | None:
        """One of `task_limits`, or None when the run has no such limit."""
        return self.limits.as_task_limits()[name] if self.mode == "agentic" else None

    def as_metadata(self) -> dict[str, object]:
        metadata: dict[str, object] = {
            "mode": self.mode,
            "honor_model": self.honor_model,
            "clarification_reply": self.clarification.reply,
            "clarification_max_turns": self.clarification.max_turns,
        }
        if self.mode == "agentic":
            metadata["agentic_harness_version"] = AGENTIC_HARNESS_VERSION
            metadata["agentic_limits"] = self.task_limits()
        return metadata
