"""Tests of report assembly from hand-made records (no inspect logs involved)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from archbench.compare._analysis import (
    CompareOptions,
    build_report,
    find_mismatches,
    price_for,
    summarise_usage,
)
from archbench.compare._records import SampleRecord, TaskRun, TokenUsage, VersionRuns
from archbench.compare._render import to_html, to_json, to_markdown, to_terminal
from archbench.core.report_model import Report

PRICES = {"claude-sonnet-4-5": (3.0, 15.0), "none": (0.0, 0.0)}


def run(
    task: str,
    records: list[SampleRecord],
    dataset: str = "ds-1",
    graders: dict[str, str] | None = None,
    model: str = "anthropic/claude-sonnet-4-5",
) -> TaskRun:
    return TaskRun(
        task=task, log_file=f"{task}.eval", status="success", created="2026-11-26T00:00:00+00:00",
        model=model, agent="pba", agent_version="v1", agent_sha256="ab" * 32, agent_path=None,
        dataset_version=dataset, graders=graders or {"judge": "rubric-1"}, records=tuple(records),
    )  # fmt: skip


def records(scores: dict[str, list[float | None]], metric: str = "pass") -> list[SampleRecord]:
    """sample id -> epoch values; one record per epoch."""
    return [
        SampleRecord(sample_id, epoch, {metric: value})
        for sample_id, values in scores.items()
        for epoch, value in enumerate(values, start=1)
    ]


def version(*runs: TaskRun) -> VersionRuns:
    return VersionRuns(reference="pba@v1", runs={r.task: r for r in runs})


def test_mismatches_name_dataset_and_each_grader() -> None:
    base = version(run("review", [], dataset="a", graders={"judge": "r1", "tests": "1"}))
    cand = version(run("review", [], dataset="b", graders={"judge": "r2"}))
    assert find_mismatches(base, cand) == [
        "task 'review': dataset_version a != b",
        "task 'review': grader 'judge' r1 != r2",
        "task 'review': grader 'tests' 1 != absent",
    ]
    assert find_mismatches(base, base) == []


def test_price_lookup_strips_provider_and_release_date() -> None:
    assert price_for("anthropic/claude-sonnet-4-5-20250929", PRICES) == (3.0, 15.0)
    assert price_for("none/none", PRICES) == (0.0, 0.0)
    assert price_for("openai/gpt-x", PRICES) is None


def test_usage_sums_tokens_and_prices_them() -> None:
    usage = {"anthropic/claude-sonnet-4-5": TokenUsage(2_000_000, 100_000, 2_100_000)}
    summary = summarise_usage([run("t", [SampleRecord("s", 1, {}, usage=usage)])], PRICES)
    assert summary.input_tokens == 2_000_000
    assert summary.dollars == pytest.approx(2 * 3.0 + 0.1 * 15.0)


def test_unpriced_models_make_cost_unknown_not_zero() -> None:
    usage = {"openai/gpt-x": TokenUsage(10, 10, 20)}
    summary = summarise_usage([run("t", [SampleRecord("s", 1, {}, usage=usage)])], PRICES)
    assert summary.dollars is None
    assert summary.unpriced_models == ["openai/gpt-x"]


def test_unpaired_and_one_sided_metrics_and_tasks_are_reported() -> None:
    base = version(
        run("review", records({"a": [1.0], "b": [1.0], "only-base": [1.0]})),
        run("design", records({"a": [1.0]})),
    )
    cand = version(run("review", records({"a": [1.0], "b": [0.0]}) + records({"a": [0.5]}, "x")))
    report = build_report(base, cand, CompareOptions(), PRICES)
    (row,) = report.rows
    assert (row.task, row.metric, row.n, row.unpaired) == ("review", "pass", 2, 1)
    assert "task 'design' only in the base: not compared" in report.notes
    assert "task 'review': metric 'x' in one version only: not compared" in report.notes


def test_epochs_are_averaged_before_pairing() -> None:
    base = version(run("t", records({f"s{i}": [1.0, 1.0, 1.0] for i in range(10)})))
    cand = version(run("t", records({f"s{i}": [1.0, 0.0, 1.0] for i in range(10)})))
    (row,) = build_report(base, cand, CompareOptions(), PRICES).rows
    assert row.n == 10
    assert row.candidate_mean == pytest.approx(2 / 3)
    assert row.flaky == 10  # candidate epochs disagree: noise first, not a red flag
    assert row.regressed == 0
    assert row.p_mcnemar is None  # three epochs: McNemar does not apply


def test_a_single_epoch_binary_row_gets_mcnemar() -> None:
    base = version(run("t", records({f"s{i}": [1.0] for i in range(12)})))
    cand = version(run("t", records({f"s{i}": [float(i < 2)] for i in range(12)})))
    report = build_report(base, cand, CompareOptions(), PRICES)
    (row,) = report.rows
    assert row.p_mcnemar == pytest.approx(0.5**10)
    assert row.verdict == "REGRESSION" and report.verdict == "REGRESSION"


def test_terminal_and_markdown_render_the_same_rows() -> None:
    base = version(run("t", records({f"s{i}": [1.0] for i in range(12)})))
    cand = version(run("t", records({f"s{i}": [float(i < 2)] for i in range(12)})))
    report = build_report(base, cand, CompareOptions(), PRICES)
    terminal = to_terminal(report)
    assert terminal.splitlines()[0] == (
        "pba@v1 -> pba@v1: REGRESSION "
        "(12 paired, 0 unpaired, 0 errored (base 0, candidate 0), 0 unscored, 0 tampered)"
    )
    assert "-0.833" in terminal and "0/10/2/0" in terminal
    markdown = to_markdown(report)
    assert "| t | pass | 12 |" in markdown
    assert "`s2`: 1.000 → 0.000 (regressed)" in markdown
    assert "Prompt files not available" in markdown


def test_tampered_samples_are_counted_and_named_in_every_format() -> None:
    base = version(run("t", records({f"s{i}": [1.0, 1.0] for i in range(4)})))
    flagged = [
        replace(r, tampered=r.sample_id == "s1")
        for r in records({f"s{i}": [0.0, 1.0] for i in range(4)})
    ]
    report = build_report(base, version(run("t", flagged)), CompareOptions(), PRICES)
    assert (report.counts.tampered_base, report.counts.tampered_candidate) == (0, 2)
    counted = "2 tampered (base 0, candidate 2)"
    note = (
        "tampering detected in 2 candidate sample-epochs (scored 0): t/s1 (epoch 1), t/s1 (epoch 2)"
    )
    for text in (to_terminal(report), to_markdown(report), to_html(report)):
        assert counted in text and note in text
    assert '"tampered_candidate": 2' in to_json(report)


def test_report_json_has_no_nan() -> None:
    base = version(run("t", records({"only": [1.0]})))
    report = build_report(base, base, CompareOptions(), PRICES)
    (row,) = report.rows
    assert row.n == 1 and row.ci_low is None and row.p_value is None
    assert row.verdict == "INCONCLUSIVE" and row.underpowered
    assert "NaN" not in report.model_dump_json()


def test_false_positives_are_lower_is_better_by_default() -> None:
    base = version(run("review", records({f"s{i}": [0.0] for i in range(12)}, "false_positives")))
    cand = version(
        run("review", records({f"s{i}": [float(i < 10)] for i in range(12)}, "false_positives"))
    )
    report = build_report(base, cand, CompareOptions(), PRICES)
    (row,) = report.rows
    assert not row.higher_is_better
    assert row.verdict == "REGRESSION"
    assert "false_positives ↓" in to_markdown(report)
    improved = build_report(cand, base, CompareOptions(), PRICES).rows[0]
    assert improved.verdict == "NON-INFERIOR" and improved.improved == 10


def test_identity_notes_flag_model_change_and_edited_prompt() -> None:
    base = version(run("a", records({"s": [1.0]})), run("b", records({"s": [1.0]})))
    edited = replace(run("b", records({"s": [1.0]})), agent_sha256="cd" * 32)
    cand = VersionRuns(
        reference="pba@v2",
        runs={"a": run("a", records({"s": [1.0]}), model="anthropic/claude-opus-4-5"), "b": edited},
    )
    notes = build_report(base, cand, CompareOptions(), PRICES).notes
    assert "pba@v2: the tasks' logs carry 2 different prompt sha256" in notes
    assert any(note.startswith("models differ") for note in notes)


def test_report_json_round_trips_through_the_model() -> None:
    base = version(run("t", records({f"s{i}": [1.0, 0.0] for i in range(5)})))
    report = build_report(base, base, CompareOptions(), PRICES)
    assert Report.model_validate_json(report.model_dump_json()) == report


def test_inconclusive_rows_explain_themselves_in_the_summary() -> None:
    noisy: dict[str, list[float | None]] = {
        f"s{i}": [0.5 + (0.3 if i % 2 else -0.3)] for i in range(10)
    }
    base = version(run("t", records({f"s{i}": [0.5] for i in range(10)})))
    report = build_report(base, version(run("t", records(noisy))), CompareOptions(), PRICES)
    (row,) = report.rows
    assert row.samples_needed is not None
    assert f"INCONCLUSIVE (underpowered: ~{row.samples_needed} samples needed)" in to_terminal(
        report
    )
    single = version(run("t", records({"only": [1.0]})))
    lonely = build_report(single, single, CompareOptions(), PRICES)
    assert "1 paired samples: not tested" in to_markdown(lonely)


def test_only_primary_rows_gate_and_a_missing_primary_is_named() -> None:
    same: dict[str, list[float | None]] = {f"s{i}": [0.8] for i in range(30)}
    worse: dict[str, list[float | None]] = {f"s{i}": [0.8 * (i >= 20)] for i in range(30)}
    base = version(
        run("implement", records(same, "spec_adherence") + records(same, "modularity")),
        run("design", records(same, "modularity")),
    )
    cand = version(
        run("implement", records(same, "spec_adherence") + records(worse, "modularity")),
        run("design", records(same, "modularity")),
    )
    report = build_report(base, cand, CompareOptions(), PRICES)
    roles = {(r.task, r.metric): (r.role, r.verdict) for r in report.rows}
    assert roles[("implement", "spec_adherence")] == ("primary", "NON-INFERIOR")
    # A clear drop in a secondary metric is shown, but it does not decide the verdict.
    assert roles[("implement", "modularity")] == ("secondary", "REGRESSION")
    assert any("primary metric 'judge_design' is absent from both runs" in n for n in report.notes)
    assert report.verdict == "NOT ENOUGH EVIDENCE"  # design could not be judged


def test_review_logs_without_review_score_gate_on_bug_detection() -> None:
    found: dict[str, list[float | None]] = {f"s{i}": [1.0] for i in range(10)}
    missed: dict[str, list[float | None]] = {f"s{i}": [float(i >= 8)] for i in range(10)}
    base = version(run("review", records(found, "bug_detection")))
    cand = version(run("review", records(missed, "bug_detection")))
    report = build_report(base, cand, CompareOptions(), PRICES)
    (row,) = report.rows
    assert row.role == "primary" and report.verdict == "REGRESSION"
    assert any("gating on bug_detection instead" in note for note in report.notes)


def test_rows_below_two_paired_samples_leave_the_holm_family() -> None:
    many: dict[str, list[float | None]] = {f"s{i}": [0.5] for i in range(30)}
    base = version(run("t", records(many, "a") + records({"s0": [1.0]}, "b")))
    cand = version(run("t", records(many, "a") + records({"s0": [0.0]}, "b")))
    rows = {r.metric: r for r in build_report(base, cand, CompareOptions(), PRICES).rows}
    assert not rows["b"].in_family and rows["b"].p_holm is None
    assert rows["a"].in_family and rows["a"].p_holm == rows["a"].p_decision  # a family of one
