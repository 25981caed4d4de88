"""compare on clarification tasks: asking is right there, so it is never a regression.

Samples of a task with a `clarification_reply` record `asked_for_clarification` (higher is
better) and are left out of `clarification_turns` (unscored there); the other samples keep
`clarification_turns` (fewer is better). The scores below are the shapes the code grader
records (`tests/agentic/test_clarification_tasks.py` checks the grader itself).
"""

from __future__ import annotations

from archbench.compare._analysis import CompareOptions, build_report
from archbench.compare._records import SampleRecord
from archbench.core.registry import ASKED_METRIC, CLARIFICATION_METRIC
from archbench.core.report_model import Report, Row
from tests.compare.test_analysis import PRICES, run, version

SAMPLES = 12


def _records(asks: bool) -> list[SampleRecord]:
    """Clarification samples (asked or guessed) plus ordinary samples that never ask."""
    clarification = [
        SampleRecord(
            f"clar-{i}", 1,
            {"spec_adherence": 1.0 if asks else 0.5, ASKED_METRIC: float(asks),
             CLARIFICATION_METRIC: None},
        )
        for i in range(SAMPLES)
    ]  # fmt: skip
    ordinary = [
        SampleRecord(
            f"plain-{i}", 1,
            {"spec_adherence": 1.0, ASKED_METRIC: None, CLARIFICATION_METRIC: 0.0},
        )
        for i in range(SAMPLES)
    ]  # fmt: skip
    return clarification + ordinary


def _report(base_asks: bool, candidate_asks: bool) -> Report:
    base = version(run("implement", _records(base_asks)))
    candidate = version(run("implement", _records(candidate_asks)))
    return build_report(base, candidate, CompareOptions(), PRICES)


def _row(report: Report, metric: str) -> Row:
    return next(row for row in report.rows if row.metric == metric)


def test_a_version_that_asks_on_clarification_tasks_is_not_a_regression() -> None:
    report = _report(base_asks=False, candidate_asks=True)
    asked = _row(report, ASKED_METRIC)
    assert asked.higher_is_better and asked.n == SAMPLES
    assert (asked.base_mean, asked.candidate_mean) == (0.0, 1.0)
    assert asked.diff is not None and asked.diff > 0
    # clarification_turns compares only the ordinary samples, where nobody asked.
    turns = _row(report, CLARIFICATION_METRIC)
    assert turns.n == SAMPLES and turns.diff == 0.0
    assert all(row.verdict != "REGRESSION" for row in report.rows)
    assert report.verdict != "REGRESSION"


def test_asked_for_clarification_is_a_secondary_metric() -> None:
    report = _report(base_asks=True, candidate_asks=True)
    assert _row(report, ASKED_METRIC).role == "secondary"
    assert _row(report, "spec_adherence").role == "primary"


def test_a_version_that_stops_asking_shows_as_worse_on_asking() -> None:
    report = _report(base_asks=True, candidate_asks=False)
    asked = _row(report, ASKED_METRIC)
    assert asked.diff is not None and asked.diff < 0
    assert asked.verdict == "REGRESSION"
