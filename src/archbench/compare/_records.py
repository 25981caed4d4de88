"""What the comparison needs from a log, as plain typed records (no inspect types).

``_logs`` turns inspect logs into these records; ``_analysis`` turns records into a report. Keeping
inspect out of the records lets the analysis be tested with hand-made data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from archbench.core.registry import MetricSpec


@dataclass(frozen=True)
class TokenUsage:
    """Tokens one model spent on one sample-epoch."""

    input_tokens: int = 0
    output_tokens: int = 0
    total_tokens: int = 0


@dataclass(frozen=True)
class SampleRecord:
    """One sample-epoch of one run, with its scores flattened to metric -> value.

    A value of None means unscored (None or NaN in the log); ``errored`` samples carry no scores.
    ``tampered``: a grader found the answer's test report tampered with (a canary test passed,
    a forged seal); the sample scored 0 on the hidden tests.
    """

    sample_id: str
    epoch: int
    scores: Mapping[str, float | None]
    errored: bool = False
    tampered: bool = False
    usage: Mapping[str, TokenUsage] = field(default_factory=dict)
    total_time: float | None = None
    working_time: float | None = None
    # The task's tier (core | hard) from the sample's metadata; None in older logs.
    tier: str | None = None


@dataclass(frozen=True)
class TaskRun:
    """One task's log for one agent version, with the identity fields of its metadata."""

    task: str
    log_file: str
    status: str
    created: str
    model: str
    agent: str | None
    agent_version: str | None
    agent_sha256: str | None
    agent_path: str | None
    dataset_version: str | None
    graders: Mapping[str, str]
    records: tuple[SampleRecord, ...] = ()
    # What the log says of its metrics (empty for logs older than the registry in the log),
    # and its gated metrics (None: this archbench's registry decides).
    metric_specs: Mapping[str, MetricSpec] = field(default_factory=dict)
    primary: tuple[str, ...] | None = None
    # Judge score keys whose judge/rubric pair has not passed `archbench judge-check`.
    unvalidated_judges: frozenset[str] = frozenset()


@dataclass(frozen=True)
class VersionRuns:
    """Everything selected for one side of the comparison: task -> its run."""

    reference: str
    runs: Mapping[str, TaskRun]

    @property
    def first_run(self) -> TaskRun:
        """A representative run for identity fields shared by all tasks of a version."""
        return self.runs[min(self.runs)]
