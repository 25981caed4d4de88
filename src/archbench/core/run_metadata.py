"""What a task run records about itself in `eval.metadata`: one typed model, written by the task
builders and read back by compare, regrade and nightly (issue 22 item 3).

Keys are plain JSON, so inspect view shows them as they are; this model is the one place that
names them. Reading is lenient: logs written by older archbench versions lack newer fields and
get their defaults; unknown keys are kept (`extra="allow"`) so a regrade writes them back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from archbench.core.errors import ArchbenchError


class RunMetadataError(ArchbenchError):
    """A log whose metadata has a field of the wrong type."""


class RunMetadata(BaseModel):
    """One run of one task with one agent, as its log describes it."""

    model_config = ConfigDict(extra="allow", frozen=True)

    # The agent as the user named it (`-T agent=...`), and what that resolved to.
    agent_reference: str | None = None
    agent: str | None = None
    agent_version: str | None = None
    agent_sha256: str | None = None
    agent_path: str | None = None
    agent_model: str | None = None
    agent_tools: list[str] | None = None
    agent_model_id: str | None = None
    tool_grant: dict[str, Any] | None = None
    # How the run was set up (core.agentic.RunSettings.as_metadata).
    mode: str = "single"
    honor_model: bool | None = None
    clarification_reply: str | None = None
    clarification_max_turns: int | None = None
    agentic_harness_version: str | int | None = None
    agentic_limits: dict[str, Any] | None = None
    sandbox: str | None = None
    # What was measured and with which graders; compare refuses runs whose versions differ.
    dataset_version: str | None = None
    archbench_version: str | None = None
    harness_version: str | int | None = None
    graders: dict[str, str] = {}
    # Each metric the run records: direction, kind of values, gated or not, grader version
    # (core.registry.MetricSpec.as_log), so compare reads them from the log, not from code.
    metrics: dict[str, dict[str, Any]] = {}
    invalid_tasks: list[str] = []
    roster: dict[str, Any] | None = None
    # Set by `archbench regrade` on the log it writes.
    regraded_from: str | None = None
    regraded_at: str | None = None
    regraded_grader: str | None = None

    @classmethod
    def for_run(cls, **fields: Any) -> RunMetadata:
        """The metadata a task builder writes: every key must be a field, so a misspelt one
        fails when the task is built instead of going unread."""
        unknown = sorted(set(fields) - set(cls.model_fields))
        if unknown:
            raise RunMetadataError(f"unknown run metadata field(s): {', '.join(unknown)}")
        return cls.model_validate(fields)

    @classmethod
    def from_log(cls, metadata: Mapping[str, Any] | None, source: str = "log") -> RunMetadata:
        """The metadata of a log (`source` names it in an error); None reads as empty."""
        values = dict(metadata or {})
        graders = values.get("graders") or {}
        if isinstance(graders, Mapping):  # versions were numbers in early logs
            values["graders"] = {str(k): str(v) for k, v in graders.items()}
        try:
            return cls.model_validate(values)
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()
            )
            raise RunMetadataError(
                f"{source}: eval.metadata is not archbench's: {problems}"
            ) from error

    def to_log(self) -> dict[str, Any]:
        """The JSON written into `eval.metadata` (fields never set are left out)."""
        return self.model_dump(mode="json", exclude_unset=True)
