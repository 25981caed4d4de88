"""Every metric a scorer records is declared once in the core registry."""

from typing import get_args

from archbench.core.registry import (
    GRADER_VERSIONS,
    KIND_NAMES,
    KINDS,
    METRICS,
    TaskKind,
    dataset_kinds,
    lower_is_better_metrics,
    metric_spec,
)
from archbench.evalkit._routing import ROUTING_METRICS
from archbench.evalkit._scorers import CODE_METRICS, DESIGN_METRICS, REVIEW_METRICS


def test_every_recorded_metric_is_registered() -> None:
    recorded = {*CODE_METRICS, *REVIEW_METRICS, *DESIGN_METRICS, *ROUTING_METRICS}
    unregistered = sorted(name for name in recorded if metric_spec(name) is None)
    assert unregistered == []


def test_counts_are_lower_is_better_and_scores_are_not() -> None:
    assert lower_is_better_metrics() == {
        "false_positives",
        "clarification_turns",
        "format_fallbacks",
    }
    assert metric_spec("judge_design") is not None
    assert metric_spec("no_such_metric") is None


def test_each_kind_gates_on_metrics_it_records() -> None:
    for kind in KINDS.values():
        assert kind.primary and set(kind.primary) <= set(kind.metrics), kind.name
        assert set(kind.primary_fallbacks) <= set(kind.metrics), kind.name
        assert all(metric_spec(name) is not None for name in kind.metrics), kind.name


def test_the_dataset_kind_type_is_the_registry_s_task_folder_kinds() -> None:
    assert set(get_args(TaskKind)) == set(dataset_kinds())
    assert set(KIND_NAMES) == {*dataset_kinds(), "routing"}


def test_every_grader_a_metric_names_is_versioned() -> None:
    graders = {spec.grader for spec in METRICS.values()}
    assert graders <= set(GRADER_VERSIONS)


def test_the_routing_scorer_records_the_routing_kind_s_metrics() -> None:
    assert set(ROUTING_METRICS) == set(KINDS["routing"].metrics)
