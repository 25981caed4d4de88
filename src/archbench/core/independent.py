"""Independent solutions: code written from `request.md` and the starter alone, by someone who has
not read the hidden tests, with the result it scored when it was recorded.

They are the check that a task's tests pass correct code written by someone else: a recorded
result below 1.0 says where a careful reader of the request still fails, and why (`notes`).
A solution lives beside its task as `independent/<label>/` (files laid over the starter, like
the reference) with its record in `independent/<label>.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, model_validator


class IndependentResult(BaseModel):
    """What one independent solution scored against the hidden tests when it was recorded."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    written_by: str = Field(min_length=1)
    # What its author read: request.md and starter/ at most (and, for a clarification task, the
    # reply an agent that asks would get), never tests/, reference/ or task.yaml.
    read: list[str] = Field(min_length=1)
    spec_adherence: float = Field(ge=0.0, le=1.0)
    passed: int = Field(ge=0)
    total: int = Field(ge=1)
    failed: list[str] = Field(default_factory=list)
    notes: str = ""

    @model_validator(mode="after")
    def _only_the_request_and_starter_were_read(self) -> IndependentResult:
        allowed = {"request.md", "starter/", "clarification_reply"}
        unexpected = sorted(set(self.read) - allowed)
        if unexpected:
            raise ValueError(
                f"an independent author reads only {sorted(allowed)}, not {unexpected}"
            )
        if self.passed > self.total:
            raise ValueError(f"passed ({self.passed}) exceeds total ({self.total})")
        return self


@dataclass(frozen=True)
class IndependentSolution:
    """One recorded independent solution of a task."""

    task: str
    label: str
    files: dict[str, str]
    result: IndependentResult
