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
    ),
    MetricSpec("fix_verified", "the proposed fix passes the hidden tests", binary=True),
    MetricSpec(
        "clarification_turns",
        "questions answered by the simulated user instead of work",
        higher_is_better=False,
    ),
    # Secondary: not a quality measure, it shows a prompt change that moves the agent off the
    # canonical answer protocol as exactly that.
    MetricSpec(
        "format_fallbacks",
        "files or findings found by a fallback to the protocol, and code blocks with no path",
        higher_is_better=False,
    ),
    MetricSpec("routing", "the request went where it should", binary=True),
    MetricSpec("delegation_recall", "delegated to the agent when it should", binary=True),
    MetricSpec("delegation_specificity", "kept requests away from the agent", binary=True),
)

METRICS: dict[str, MetricSpec] = {spec.name: spec for spec in _SPECS}
JUDGE_PREFIX = "judge_"


def metric_spec(name: str) -> MetricSpec | None:
    """The registered spec of `name`; judge metrics get a generic higher-is-better spec."""
    if name in METRICS:
        return METRICS[name]
    if name.startswith(JUDGE_PREFIX):
        return MetricSpec(name, "fraction of rubric criteria met, by the model judge")
    return None


def lower_is_better_metrics() -> frozenset[str]:
    """Names of the metrics where a decrease is an improvement."""
    return frozenset(spec.name for spec in METRICS.values() if not spec.higher_is_better)
