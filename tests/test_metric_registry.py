"""Every metric a scorer records is declared once in the core registry."""

from archbench.core.metrics import lower_is_better_metrics, metric_spec
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
