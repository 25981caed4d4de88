"""The one list of metrics archbench records: each metric's name, direction and kind of values.

Scorers, `compare` and config validation read this registry instead of repeating metric names
as string literals, so a new metric is declared once, here. Judge metrics (`judge_*`) are
declared by their rubrics and are higher-is-better fractions.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MetricSpec:
    """One per-sample metric as the scorers record it."""

    name: str
    description: str
    higher_is_better: bool = True
    # Every value is 0 or 1 (pass/fail per sample): exact tests and proportion intervals apply.
    binary: bool = False
    # Every value lies in [0, 1]: intervals of a difference stay in [-1, 1], and an errored
    # sample scores 0 (a crash is a failure, not a missing value). False for counts.
    bounded: bool = True

    @property
    def default_delta(self) -> float:
        """The margin when neither the command line nor benchmark.yaml sets one (see README)."""
        return DEFAULT_DELTA_BINARY if self.binary else DEFAULT_DELTA_CONTINUOUS

    @property
    def error_value(self) -> float | None:
        """What an errored sample-epoch scores: 0 on a higher-is-better [0, 1] metric (a pass
        rate or a fraction), None (left out, counted as errored) on counts."""
        return 0.0 if self.bounded and self.higher_is_better else None


# A drop of one sample in ten on a pass rate, of five points on a fraction: the smallest
# changes a benchmark of a few dozen samples per task can resolve (README, "margins").
DEFAULT_DELTA_BINARY = 0.10
DEFAULT_DELTA_CONTINUOUS = 0.05


_SPECS = (
    MetricSpec("spec_adherence", "share of hidden tests passed"),
    MetricSpec("modularity", "static modularity score, 0 unless every hidden test passes"),
    MetricSpec("minimality", "static minimality score, 0 unless every hidden test passes"),
    MetricSpec(
        "review_score",
        "seeded bug found (1 on a clean twin) minus 0.4 per severity-weighted false positive",
    ),
    MetricSpec("bug_detection", "the seeded bug was found", binary=True),
    MetricSpec("category_match", "the found bug was given the right category", binary=True),
    MetricSpec(
        "false_positives",
        "findings that match no seeded bug, weighted by severity",
        higher_is_better=False,
        bounded=False,
    ),
    MetricSpec("fix_verified", "the proposed fix passes the hidden tests", binary=True),
    MetricSpec(
        "clarification_turns",
        "questions answered by the simulated user instead of work",
        higher_is_better=False,
        bounded=False,
    ),
    # Secondary: not a quality measure, it shows a prompt change that moves the agent off the
    # canonical answer protocol as exactly that.
    MetricSpec(
        "format_fallbacks",
        "files or findings found by a fallback to the protocol, and code blocks with no path",
        higher_is_better=False,
        bounded=False,
    ),
    MetricSpec("routing", "the request went where it should", binary=True),
    MetricSpec("delegation_recall", "delegated to the agent when it should", binary=True),
    MetricSpec("delegation_specificity", "kept requests away from the agent", binary=True),
)

# The metrics each task kind is gated on (issue 20, item 4): only these enter the Holm family
# and decide the verdict; every other metric is reported as secondary. Few gated rows keep the
# family small, so a real drop in what the task is about is not lost in the multiplicity.
PRIMARY_METRICS: dict[str, tuple[str, ...]] = {
    "implement": ("spec_adherence",),
    "refactor": ("spec_adherence",),
    "review": ("review_score",),
    "design": ("judge_design",),
    "routing": ("delegation_recall", "delegation_specificity"),
}

METRICS: dict[str, MetricSpec] = {spec.name: spec for spec in _SPECS}
JUDGE_PREFIX = "judge_"


def metric_spec(name: str) -> MetricSpec | None:
    """The registered spec of `name`; judge metrics get a generic higher-is-better spec."""
    if name in METRICS:
        return METRICS[name]
    if name.startswith(JUDGE_PREFIX):
        return MetricSpec(name, "fraction of rubric criteria met, by the model judge")
    return None


# Gated instead when none of a kind's primary metrics is in either run: logs written before
# `review_score` existed (#17) still gate review on finding the bug. The report says so.
PRIMARY_FALLBACKS: dict[str, tuple[str, ...]] = {"review": ("bug_detection",)}


def primary_fallbacks(task: str) -> tuple[str, ...]:
    """The metrics to gate a task on when none of its primary metrics was recorded."""
    return PRIMARY_FALLBACKS.get(task.partition("_")[0], ())


def primary_metrics(task: str) -> tuple[str, ...] | None:
    """The gated metrics of a task kind; None for a task archbench does not know (then every
    metric of that task is gated, as before primaries existed). A variant such as
    ``implement_agentic`` is gated like its kind."""
    kind = task if task in PRIMARY_METRICS else task.partition("_")[0]
    return PRIMARY_METRICS.get(kind)


def lower_is_better_metrics() -> frozenset[str]:
    """Names of the metrics where a decrease is an improvement."""
    return frozenset(spec.name for spec in METRICS.values() if not spec.higher_is_better)
