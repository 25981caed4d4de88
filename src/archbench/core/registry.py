"""The one registry of task kinds and metrics (issue 22 item 1).

For each task kind: where its samples come from, its answer protocol, its grader, its metrics
and which of them gate `compare`. For each metric: its name, direction, kind of values and the
grader (and so the grader version) that records it. Tasks, scorers, validate, seed-bugs, demo,
regrade, nightly config validation and compare read this module instead of repeating kind and
metric names as string literals, so a new kind or metric is declared once, here. Judge metrics
(`judge_*`) are declared by their rubrics and are higher-is-better fractions.

Each run writes its metrics' specs into its log (`RunMetadata.metrics`), so compare reads a
metric's direction and version from the log that recorded it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

# --------------------------------------------------------------------------- graders

# A version changes whenever a grader's scores change meaning; compare refuses to compare runs
# whose versions differ (without an explicit override). The modules that implement a grader
# read their version from here.
GRADER_VERSIONS: dict[str, str] = {
    # 2: spec_adherence counts fail-to-pass tests, 0 when a pass-to-pass test fails.
    # 3: canaries planted among the hidden tests; a canary passing is tampering, 0.
    "hidden_tests": "3",
    # 2: a hit names the problem and overlaps the span; every finding counts, by severity.
    # 3: one finding per known second issue (`also_acceptable`) is neither hit nor false.
    "review_match": "3",
    # 3: a public name another module of the answer uses is not gold plating, and the
    # reference's unneeded public names allow as many, by count, whatever they are called.
    # Also 3: a function a refactor keeps unchanged from its starter meets the absolute limits.
    "static_metrics": "3",
    # The message protocol (core.harness): 2, findings may carry `lines: [first, last]`.
    "harness": "2",
    "routing": "1",
    "routing_harness": "1",
}
# Judge metrics are versioned by their rubric's hash, which only the adapters can read.
JUDGE_GRADER = "judge"
JUDGE_PREFIX = "judge_"


# --------------------------------------------------------------------------- metrics


@dataclass(frozen=True)
class MetricSpec:
    """One per-sample metric as the scorers record it."""

    name: str
    description: str
    # The grader recording it: a key of GRADER_VERSIONS, or JUDGE_GRADER.
    grader: str = JUDGE_GRADER
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

    @property
    def grader_version(self) -> str | None:
        return GRADER_VERSIONS.get(self.grader)

    def as_log(self, primary: bool, version: str | None = None) -> dict[str, Any]:
        """What a run writes into its log about this metric, so compare reads the direction
        and version from the log that recorded it."""
        return {
            "higher_is_better": self.higher_is_better,
            "binary": self.binary,
            "bounded": self.bounded,
            "primary": primary,
            "grader": self.grader,
            "grader_version": version or self.grader_version,
        }

    @classmethod
    def from_log(cls, name: str, logged: Mapping[str, Any]) -> MetricSpec:
        registered = metric_spec(name)
        return cls(
            name,
            registered.description if registered else "",
            str(logged.get("grader", JUDGE_GRADER)),
            bool(logged.get("higher_is_better", True)),
            bool(logged.get("binary", False)),
            bool(logged.get("bounded", True)),
        )


# A drop of one sample in ten on a pass rate, of five points on a fraction: the smallest
# changes a benchmark of a few dozen samples per task can resolve (README, "margins").
DEFAULT_DELTA_BINARY = 0.10
DEFAULT_DELTA_CONTINUOUS = 0.05

CLARIFICATION_METRIC = "clarification_turns"
# On clarification tasks (a `clarification_reply` in task.yaml) asking is right, so there the
# question is recorded here, higher is better, and left out of CLARIFICATION_METRIC.
ASKED_METRIC = "asked_for_clarification"
FORMAT_METRIC = "format_fallbacks"

_SPECS = (
    MetricSpec("spec_adherence", "share of hidden tests passed", "hidden_tests"),
    MetricSpec(
        "modularity", "static modularity score, 0 unless every hidden test passes", "static_metrics"
    ),
    MetricSpec(
        "minimality", "static minimality score, 0 unless every hidden test passes", "static_metrics"
    ),
    MetricSpec(
        "review_score",
        "seeded bug found (1 on a clean twin) minus 0.4 per severity-weighted false positive",
        "review_match",
    ),
    MetricSpec("bug_detection", "the seeded bug was found", "review_match", binary=True),
    MetricSpec(
        "category_match", "the found bug was given the right category", "review_match", binary=True
    ),
    MetricSpec(
        "false_positives",
        "findings that match no seeded bug, weighted by severity",
        "review_match",
        higher_is_better=False,
        bounded=False,
    ),
    MetricSpec(
        "fix_verified", "the proposed fix passes the hidden tests", "hidden_tests", binary=True
    ),
    MetricSpec(
        CLARIFICATION_METRIC,
        "questions answered by the simulated user instead of work (not on clarification tasks)",
        "harness",
        higher_is_better=False,
        bounded=False,
    ),
    # Secondary: a clarification task's request leaves one decision open, its hidden tests
    # follow the task's reply; an agent that asks is doing the right thing.
    MetricSpec(
        ASKED_METRIC,
        "the agent asked before working, on a task whose request leaves a decision open",
        "harness",
        binary=True,
    ),
    # Secondary: not a quality measure, it shows a prompt change that moves the agent off the
    # canonical answer protocol as exactly that.
    MetricSpec(
        FORMAT_METRIC,
        "files or findings found by a fallback to the protocol, and code blocks with no path",
        "harness",
        higher_is_better=False,
        bounded=False,
    ),
    MetricSpec("routing", "the request went where it should", "routing", binary=True),
    MetricSpec(
        "delegation_recall", "delegated to the agent when it should", "routing", binary=True
    ),
    MetricSpec(
        "delegation_specificity", "kept requests away from the agent", "routing", binary=True
    ),
)

METRICS: dict[str, MetricSpec] = {spec.name: spec for spec in _SPECS}


def metric_spec(name: str) -> MetricSpec | None:
    """The registered spec of `name`; judge metrics get a generic higher-is-better spec."""
    if name in METRICS:
        return METRICS[name]
    if name.startswith(JUDGE_PREFIX):
        return MetricSpec(name, "fraction of rubric criteria met, by the model judge")
    return None


def specs_from_log(
    logged: Mapping[str, Mapping[str, Any]],
) -> tuple[dict[str, MetricSpec], tuple[str, ...] | None]:
    """The metric specs a log recorded and its gated metrics (None when it recorded none)."""
    specs = {name: MetricSpec.from_log(name, entry) for name, entry in logged.items()}
    primary = tuple(name for name, entry in logged.items() if entry.get("primary"))
    return specs, (primary if logged else None)


def lower_is_better_metrics() -> frozenset[str]:
    """Names of the metrics where a decrease is an improvement."""
    return frozenset(spec.name for spec in METRICS.values() if not spec.higher_is_better)


# --------------------------------------------------------------------------- task kinds

# The kinds whose samples are task folders under datasets/<kind>/ (routing has its own file).
TaskKind = Literal["implement", "refactor", "review", "design"]
# What the agent's answer is: files (path-fenced code blocks or the agentic work directory),
# review findings, prose judged by a rubric, or a delegation decision.
AnswerProtocol = Literal["files", "findings", "prose", "route"]


@dataclass(frozen=True)
class KindSpec:
    """One kind of work the agent prompt claims, as archbench builds, answers and grades it."""

    name: str
    summary: str
    # "task folders": datasets/<name>/<task>/task.yaml; "routing file": datasets/routing/.
    samples: Literal["task folders", "routing file"]
    answer_protocol: AnswerProtocol
    # The inspect scorer that grades it (evalkit maps the name to the scorer).
    grader: str
    metrics: tuple[str, ...]
    # Gated by compare (issue 20, item 4): only these enter the Holm family and decide the
    # verdict; every other metric is reported as secondary. Few gated rows keep the family
    # small, so a real drop in what the task is about is not lost in the multiplicity.
    primary: tuple[str, ...]
    # Gated instead when none of the primary metrics is in either run (older logs).
    primary_fallbacks: tuple[str, ...] = ()
    # Whose rubrics add judge metrics (`judge_*`) to its scores.
    judged_as: str | None = None
    agentic: bool = False  # has `-T mode=agentic`
    hidden_tests: bool = False  # `archbench validate` runs its references against hidden tests
    mutation_source: bool = False  # `archbench seed-bugs` draws review mutants from its references


_CODE_METRICS = (
    "spec_adherence", "modularity", "minimality", CLARIFICATION_METRIC, ASKED_METRIC, FORMAT_METRIC,
)  # fmt: skip

_KIND_SPECS = (
    KindSpec(
        "implement",
        "Build a feature (endpoint, repository, pipeline step); graded by hidden tests.",
        "task folders", "files", "code_task_grader", _CODE_METRICS, ("spec_adherence",),
        judged_as="implement", agentic=True, hidden_tests=True, mutation_source=True,
    ),
    KindSpec(
        "review",
        "Review a codebase that may hold a seeded bug; graded against ground truth.",
        "task folders", "findings", "review_grader",
        ("review_score", "bug_detection", "category_match", "false_positives", "fix_verified",
         CLARIFICATION_METRIC, FORMAT_METRIC),
        ("review_score",), primary_fallbacks=("bug_detection",),
        agentic=True, hidden_tests=True,
    ),
    KindSpec(
        "refactor",
        "Break up a working monolithic module; behaviour preserved, shape graded.",
        "task folders", "files", "code_task_grader", _CODE_METRICS, ("spec_adherence",),
        judged_as="implement", agentic=True, hidden_tests=True, mutation_source=True,
    ),
    KindSpec(
        "design",
        "Answer an architecture question; graded by a model judge against key points.",
        "task folders", "prose", "design_grader", ("judge_design", CLARIFICATION_METRIC),
        ("judge_design",), judged_as="design",
    ),
    KindSpec(
        "routing",
        "Route requests among a roster of subagents; scored 1 when the route matches.",
        "routing file", "route", "routing_grader",
        ("routing", "delegation_recall", "delegation_specificity"),
        ("delegation_recall", "delegation_specificity"),
    ),
)  # fmt: skip

# In the order archbench runs and reports them.
KINDS: dict[str, KindSpec] = {spec.name: spec for spec in _KIND_SPECS}
KIND_NAMES: tuple[str, ...] = tuple(KINDS)


def kinds_where(**flags: bool) -> tuple[str, ...]:
    """Kind names whose flags (agentic, hidden_tests, mutation_source) all have these values."""
    return tuple(k.name for k in _KIND_SPECS if all(getattr(k, f) is v for f, v in flags.items()))


def code_kinds() -> tuple[str, ...]:
    """The kinds whose answer is code graded by hidden tests and static metrics."""
    return tuple(k.name for k in _KIND_SPECS if k.answer_protocol == "files")


def dataset_kinds() -> tuple[TaskKind, ...]:
    """The kinds whose samples are task folders (typed for the dataset loader)."""
    return tuple(k.name for k in _KIND_SPECS if k.samples == "task folders")  # type: ignore[misc]


def kind_spec(task: str) -> KindSpec | None:
    """The kind of a task name; a variant such as ``implement_agentic`` is its kind."""
    return KINDS.get(task) or KINDS.get(task.partition("_")[0])


def primary_metrics(task: str) -> tuple[str, ...] | None:
    """The gated metrics of a task kind; None for a task archbench does not know (then every
    metric of that task is gated, as before primaries existed)."""
    spec = kind_spec(task)
    return spec.primary if spec else None


def primary_fallbacks(task: str) -> tuple[str, ...]:
    """The metrics to gate a task on when none of its primary metrics was recorded."""
    spec = kind_spec(task)
    return spec.primary_fallbacks if spec else ()


# Gated metrics per kind, for `archbench plan` and the README.
PRIMARY_METRICS: dict[str, tuple[str, ...]] = {k.name: k.primary for k in _KIND_SPECS}
