"""The flipped samples of a comparison report: what ``report.json`` says under ``flips``.

A sample flipped when a binary metric changed pass <-> fail (its epoch-averaged score moved by
at least 0.5) or a continuous metric moved by more than its margin. Each flip names the metrics
that moved and, for the first flips of a report, the two answers side by side: the diff of the
delivered files (implement, refactor), the two findings lists (review) or the diff of the answer
text (other tasks), each side's score explanation, and where to open the sample in
``inspect view``.

Pure module: pydantic only, no I/O.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

FlipChange = Literal["improved", "regressed"]
AnswerKind = Literal["files", "findings", "text"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FlipMetric(_Frozen):
    """One metric that moved on a flipped sample; ``diff`` is oriented (positive = better)."""

    metric: str
    base: float
    candidate: float
    diff: float
    change: FlipChange


class FlipSide(_Frozen):
    """One version's answer to a flipped sample: the epoch shown and how to open it."""

    log_file: str
    epoch: int = Field(description="the epoch shown: the one whose score is nearest the mean")
    view_log_dir: str = Field(description="the --log-dir to give `inspect view`")
    view_url: str = Field(description="the sample in `inspect view` (default host and port)")
    explanation: str | None = Field(default=None, description="the scorers' explanations")
    files: list[str] = Field(default_factory=list, description="paths the answer delivered")
    findings: list[dict[str, Any]] | None = Field(
        default=None, description="review findings; None when no findings block was found"
    )
    error: str | None = Field(
        default=None, description="why the answer is not shown (unreadable, or the sample errored)"
    )


class Flip(_Frozen):
    """One flipped sample; ``base``/``candidate`` are None beyond the report's shown flips."""

    task: str
    sample_id: str
    metrics: list[FlipMetric]
    kind: AnswerKind | None = None
    diff: str | None = Field(default=None, description="unified diff, base -> candidate")
    diff_lines_omitted: int = 0
    base: FlipSide | None = None
    candidate: FlipSide | None = None

    @property
    def regressed(self) -> bool:
        return any(m.change == "regressed" for m in self.metrics)
