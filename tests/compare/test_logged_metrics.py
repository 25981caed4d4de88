"""compare reads a metric's direction, kind of values and role from the log that recorded it
(issue 22 item 1), falling back to this archbench's registry for older logs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from archbench.compare._analysis import CompareOptions, build_report, find_mismatches
from archbench.compare._records import TaskRun
from archbench.core.registry import KINDS, MetricSpec, metric_spec, specs_from_log
from tests.compare.test_analysis import PRICES, records, run, version

# A count the registry does not know, where fewer is better: 12 samples go from 0 to 1.
Epochs = dict[str, list[float | None]]
WORSE_COUNTS: tuple[Epochs, Epochs] = (
    {f"s{i}": [0.0] for i in range(12)},
    {f"s{i}": [1.0] for i in range(12)},
)


def _logged(task_run: TaskRun, **entries: Mapping[str, object]) -> TaskRun:
    specs, primary = specs_from_log(entries)
    return replace(task_run, metric_specs=specs, primary=primary)


def _row(base: TaskRun, candidate: TaskRun, metric: str) -> object:
    report = build_report(version(base), version(candidate), CompareOptions(), PRICES)
    return next(row for row in report.rows if row.metric == metric)


def test_a_direction_the_log_declares_decides_the_verdict() -> None:
    before, after = (run("implement", records(s, "retries")) for s in WORSE_COUNTS)
    unlogged = _row(before, after, "retries")
    assert unlogged.higher_is_better and unlogged.verdict != "REGRESSION"  # type: ignore[attr-defined]
    lower = {"higher_is_better": False, "bounded": False, "primary": True}
    logged = _row(_logged(before, retries=lower), _logged(after, retries=lower), "retries")
    assert not logged.higher_is_better  # type: ignore[attr-defined]
    assert logged.verdict == "REGRESSION"  # type: ignore[attr-defined]


def test_the_log_s_primary_metrics_are_the_gated_ones() -> None:
    scores: Epochs = {f"s{i}": [1.0] for i in range(8)}
    both = [*records(scores, "spec_adherence"), *records(scores, "modularity")]
    base = run("implement", both)
    declared = {"spec_adherence": {"primary": False}, "modularity": {"primary": True}}
    base, candidate = _logged(base, **declared), _logged(base, **declared)
    assert _row(base, candidate, "modularity").role == "primary"  # type: ignore[attr-defined]
    assert _row(base, candidate, "spec_adherence").role == "secondary"  # type: ignore[attr-defined]
    # Without the log's word, the registry gates implement on spec_adherence.
    plain = run("implement", both)
    assert _row(plain, plain, "spec_adherence").role == "primary"  # type: ignore[attr-defined]


def test_logs_that_describe_a_metric_differently_are_a_mismatch() -> None:
    base = _logged(run("review", []), flags={"binary": True})
    candidate = _logged(run("review", []), flags={"binary": False})
    assert find_mismatches(version(base), version(candidate)) == [
        "task 'review': metric 'flags' binary True != False"
    ]


def test_what_a_run_logs_reads_back_as_the_registry_s_specs() -> None:
    kind = KINDS["review"]
    logged = {}
    for name in kind.metrics:
        spec = metric_spec(name)
        assert spec is not None
        logged[name] = spec.as_log(name in kind.primary)
    specs, primary = specs_from_log(logged)
    assert primary == kind.primary
    for name, spec in specs.items():
        registered = metric_spec(name)
        assert isinstance(registered, MetricSpec)
        assert (spec.higher_is_better, spec.binary, spec.bounded, spec.grader) == (
            registered.higher_is_better, registered.binary, registered.bounded, registered.grader
        )  # fmt: skip


def test_an_old_log_that_logs_no_metrics_has_no_declared_primaries() -> None:
    assert specs_from_log({}) == ({}, None)
