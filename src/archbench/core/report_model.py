"""The comparison report: what `archbench compare` writes to ``report.json``.

The models are the contract of ``report.json`` (issue 8): a top-level ``verdict``, the two
versions' identities, ``dataset_version``, one ``rows`` entry per (task, metric) and one
``samples`` entry per paired sample. Renderers (Markdown, HTML, terminal) read only this model,
so every output says the same thing.

Pure module: pydantic only, no I/O. Undefined statistics (n < 2, constant scores) are ``None``,
never NaN, so the JSON stays standard.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from archbench.core.report_flips import Flip

RowVerdict = Literal["REGRESSION", "NON-INFERIOR", "INCONCLUSIVE"]
# REGRESSION: a primary row regressed. NO REGRESSION: every primary row is non-inferior.
# NOT ENOUGH EVIDENCE: no regression shown, but a primary row could not decide (or there is
# none). INVALID COMPARISON: nothing paired, disjoint samples, or a mismatch.
ReportVerdict = Literal["REGRESSION", "NO REGRESSION", "NOT ENOUGH EVIDENCE", "INVALID COMPARISON"]
SampleLabel = Literal["improved", "regressed", "unchanged", "flaky"]
RowRole = Literal["primary", "secondary"]
Side = Literal["base", "candidate"]

REPORT_SCHEMA_VERSION = 2


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Usage(_Frozen):
    """Tokens, dollars and time of one version's run, summed over its scored and errored samples."""

    samples: int = Field(description="sample-epochs read, errors included")
    input_tokens: int
    output_tokens: int
    total_tokens: int
    dollars: float | None = Field(description="None when a model is missing from the price table")
    unpriced_models: list[str] = Field(default_factory=list)
    mean_total_time: float | None = Field(description="seconds per sample-epoch, wall clock")
    mean_working_time: float | None = Field(description="seconds per sample-epoch, working")


class VersionInfo(_Frozen):
    """Identity of one side of the comparison."""

    reference: str = Field(description="what the user typed: name@version or a log path")
    agent: str | None
    version: str | None
    sha256: str | None
    model: str
    log_files: list[str]
    agent_path: str | None = None
    usage: Usage


class Row(_Frozen):
    """One (task, metric) comparison.

    Means are in the metric's units; ``diff``, ``ci_low`` and ``ci_high`` are oriented so that
    positive is better: candidate minus base, negated when ``higher_is_better`` is False.
    """

    task: str
    metric: str
    n: int = Field(description="samples scored in both versions")
    base_mean: float | None
    candidate_mean: float | None
    diff: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None = Field(description='one-sided paired t p for H0 "mu >= -delta"')
    p_decision: float | None = Field(
        default=None, description="the deciding test's one-sided p (see decided_by)"
    )
    decided_by: str = Field(default="paired t", description="the test behind p_decision")
    interval_method: str = Field(default="t", description="how ci_low and ci_high were made")
    p_holm: float | None = Field(description="p_decision, Holm-adjusted within its role's rows")
    mde80: float | None
    improved: int
    regressed: int
    unchanged: int
    flaky: int
    errors: int = Field(description="errored sample-epochs of this task, both versions")
    verdict: RowVerdict
    delta: float
    higher_is_better: bool = True
    unscored: int = Field(description="sample-epochs with no value for this metric, both versions")
    unpaired: int = Field(description="samples scored in only one version")
    underpowered: bool
    samples_needed: int | None = Field(
        default=None, description="samples at which MDE80 would equal delta (observed spread)"
    )
    p_permutation: float | None
    p_mcnemar: float | None
    p_flip_sign: float | None
    correlation: float | None
    role: RowRole = Field(default="primary", description="primary rows decide the verdict")
    in_family: bool = Field(
        default=True, description="in its role's Holm family (False below 2 paired samples)"
    )


class SampleCounts(_Frozen):
    """What the verdict rests on, over every task both versions ran."""

    paired: int = Field(description="(task, sample) present in both versions")
    unpaired: int = Field(description="(task, sample) present in one version only")
    errored_base: int = Field(description="errored sample-epochs of the base")
    errored_candidate: int = Field(description="errored sample-epochs of the candidate")
    unscored: int = Field(description="missing primary-metric values (sample-epochs), both sides")
    tampered_base: int = Field(
        default=0, description="sample-epochs of the base whose test report was tampered with"
    )
    tampered_candidate: int = Field(
        default=0, description="sample-epochs of the candidate whose test report was tampered with"
    )

    @property
    def errored(self) -> int:
        return self.errored_base + self.errored_candidate

    @property
    def tampered(self) -> int:
        return self.tampered_base + self.tampered_candidate


class UnpairedSample(_Frozen):
    """A sample that only one version ran: it is in no row."""

    task: str
    sample_id: str
    side: Side


class SampleMetric(_Frozen):
    """One sample's epoch-averaged score per version for one metric, the oriented difference
    (positive = better) and its flip label."""

    base: float
    candidate: float
    diff: float
    label: SampleLabel


class SampleResult(_Frozen):
    """All metrics of one paired sample."""

    task: str
    sample_id: str
    metrics: dict[str, SampleMetric]


class TierRow(_Frozen):
    """One gated metric of one task over the paired samples of one tier (#19 item 4).

    Descriptive only: the verdict comes from the task's row over all tiers.
    """

    task: str
    tier: str
    metric: str
    n: int = Field(description="paired samples of this tier")
    base_mean: float
    candidate_mean: float
    diff: float = Field(description="candidate mean minus base mean")


class Report(_Frozen):
    """The whole comparison of a candidate prompt version against a base version."""

    schema_version: int = REPORT_SCHEMA_VERSION
    verdict: ReportVerdict
    alpha: float
    base: VersionInfo
    candidate: VersionInfo
    dataset_version: dict[str, str | None] = Field(description="task -> dataset content hash")
    mismatch: list[str] = Field(
        default_factory=list, description="identity differences accepted by --allow-mismatch"
    )
    notes: list[str] = Field(default_factory=list)
    invalid: list[str] = Field(
        default_factory=list, description="why the comparison is INVALID (empty otherwise)"
    )
    counts: SampleCounts
    unpaired: list[UnpairedSample] = Field(default_factory=list)
    rows: list[Row]
    samples: list[SampleResult]
    prompt_diff: str | None = Field(default=None, description="unified diff of the prompt files")
    flips: list[Flip] = Field(
        default_factory=list, description="samples that flipped, regressions first (#20 item 6)"
    )
    tiers: list[TierRow] = Field(
        default_factory=list, description="gated metrics per tier, for tasks with several tiers"
    )

    @property
    def primary_rows(self) -> list[Row]:
        return [row for row in self.rows if row.role == "primary"]

    @property
    def secondary_rows(self) -> list[Row]:
        return [row for row in self.rows if row.role == "secondary"]

    @property
    def regressions(self) -> list[Row]:
        """Primary rows whose verdict is REGRESSION, worst (most negative difference) first."""
        flagged = [row for row in self.primary_rows if row.verdict == "REGRESSION"]
        return sorted(flagged, key=lambda row: row.diff if row.diff is not None else 0.0)
