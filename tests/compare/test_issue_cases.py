"""The cases of issue 20, reproduced on real `.eval` logs (tests/compare/logfactory.py)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import pytest

from archbench.compare import CompareOptions, compare_versions, exit_code, run_comparison
from archbench.compare._render import to_markdown, to_terminal
from archbench.core.report_model import Report

from .logfactory import RunSpec, ScoreFn, ScoreValue, write_run

PRICES = {"claude-sonnet-4-5": (3.0, 15.0)}


def _log(
    root: Path, task: str, version: str, samples: list[str], scores: ScoreFn, epochs: int = 1
) -> Path:
    spec = RunSpec(task, "pba", version)
    return write_run(root / f"{task}-{version}.eval", spec, samples, epochs, scores)


def _compare(root: Path, base: Path, candidate: Path) -> Report:
    return compare_versions(str(base), str(candidate), root, CompareOptions(), PRICES)


def _review(found: Mapping[str, float]) -> ScoreFn:
    def scores(sample_id: str, epoch: int) -> Mapping[str, ScoreValue]:
        del epoch
        value = found[sample_id]
        return {"review_score": value, "bug_detection": value}

    return scores


def test_missing_one_of_three_seeded_bugs_is_not_enough_evidence_and_names_the_sample(
    tmp_path: Path,
) -> None:
    samples = ["bug-a", "bug-b", "bug-c"]
    v1 = _log(tmp_path, "review", "v1", samples, _review(dict.fromkeys(samples, 1.0)))
    v2 = _log(tmp_path, "review", "v2", samples, _review({"bug-a": 1, "bug-b": 1, "bug-c": 0}))
    report = _compare(tmp_path, v1, v2)
    assert report.verdict == "NOT ENOUGH EVIDENCE"
    assert exit_code(report) == 0
    assert exit_code(report, fail_on_inconclusive=True) == 4
    (gated,) = report.primary_rows
    assert gated.metric == "review_score" and gated.verdict == "INCONCLUSIVE"
    terminal = to_terminal(report)
    assert "OK" not in terminal.splitlines()[0]
    assert "3 paired, 0 unpaired, 0 errored" in terminal.splitlines()[0]
    assert "review/bug-c" in terminal  # the flipped sample is named
    assert "review/bug-c" in to_markdown(report)


def test_a_candidate_erroring_on_15_of_20_samples_regresses(tmp_path: Path) -> None:
    samples = [f"s{i:02d}" for i in range(20)]

    def base(sample_id: str, epoch: int) -> Mapping[str, ScoreValue]:
        return {"hidden_tests": {"spec_adherence": 0.8 + int(sample_id[1:]) / 200}}

    def crashing(sample_id: str, epoch: int) -> Mapping[str, ScoreValue] | None:
        return None if int(sample_id[1:]) < 15 else base(sample_id, epoch)

    report = _compare(
        tmp_path,
        _log(tmp_path, "implement", "v1", samples, base),
        _log(tmp_path, "implement", "v2", samples, crashing),
    )
    assert report.verdict == "REGRESSION"
    assert report.counts.errored_candidate == 15
    (row,) = report.rows
    assert row.n == 20 and row.candidate_mean == pytest.approx((5 * 0.8 + 85 / 200) / 20)


def test_disjoint_samples_are_an_invalid_comparison_exiting_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def scores(sample_id: str, epoch: int) -> Mapping[str, ScoreValue]:
        return {"hidden_tests": {"spec_adherence": 1.0}}

    v1 = _log(tmp_path, "implement", "v1", ["a", "b"], scores)
    v2 = _log(tmp_path, "implement", "v2", ["c", "d"], scores)
    out = tmp_path / "out"
    assert run_comparison(str(v1), str(v2), tmp_path, out) == 2
    report = Report.model_validate_json((out / "report.json").read_text())
    assert report.verdict == "INVALID COMPARISON"
    assert report.counts.paired == 0 and report.counts.unpaired == 4
    assert {(u.sample_id, u.side) for u in report.unpaired} == {
        ("a", "base"), ("b", "base"), ("c", "candidate"), ("d", "candidate"),
    }  # fmt: skip
    assert "no sample in common" in capsys.readouterr().err
    assert "INVALID COMPARISON" in (out / "report.html").read_text()


def _spec(values: Mapping[str, float]) -> ScoreFn:
    def scores(sample_id: str, epoch: int) -> Mapping[str, ScoreValue]:
        return {"hidden_tests": {"spec_adherence": values[sample_id]}}

    return scores


def test_a_constant_drop_on_two_samples_is_not_a_regression(tmp_path: Path) -> None:
    v1 = _log(tmp_path, "implement", "v1", ["a", "b"], _spec({"a": 0.9, "b": 0.8}))
    v2 = _log(tmp_path, "implement", "v2", ["a", "b"], _spec({"a": 0.6, "b": 0.5}))
    report = _compare(tmp_path, v1, v2)
    (row,) = report.rows
    assert row.decided_by == "exact sign-flip"
    assert row.p_decision == pytest.approx(0.25)  # 1 of the 4 sign patterns
    assert row.verdict == "INCONCLUSIVE" and report.verdict == "NOT ENOUGH EVIDENCE"
    assert row.ci_low is not None and row.ci_low >= -1.0  # t(1) alone would give about -2


def test_three_of_five_binary_samples_failing_is_decided_by_the_exact_test(
    tmp_path: Path,
) -> None:
    samples = ["a", "b", "c", "d", "e"]
    v1 = _log(tmp_path, "implement", "v1", samples, _spec(dict.fromkeys(samples, 1.0)))
    dropped = {"a": 0.0, "b": 0.0, "c": 0.0, "d": 1.0, "e": 1.0}
    v2 = _log(tmp_path, "implement", "v2", samples, _spec(dropped))
    report = _compare(tmp_path, v1, v2)
    (row,) = report.rows
    assert row.p_mcnemar == pytest.approx(0.125)
    assert row.p_decision is not None and row.p_decision >= 0.125
    assert row.p_value is not None and row.p_value < 0.05  # the t test alone would say REGRESSION
    assert row.verdict != "REGRESSION" and report.verdict == "NOT ENOUGH EVIDENCE"
    assert row.interval_method == "Newcombe (paired Wilson)"


@pytest.mark.parametrize("epochs", [1, 3])
def test_intervals_of_0_1_metrics_stay_in_range(tmp_path: Path, epochs: int) -> None:
    samples = ["a", "b", "c"]

    def base(sample_id: str, epoch: int) -> Mapping[str, ScoreValue]:
        return {"hidden_tests": {"spec_adherence": 1.0}}

    def flaky(sample_id: str, epoch: int) -> Mapping[str, ScoreValue]:
        return {"hidden_tests": {"spec_adherence": float((epoch + len(sample_id)) % 2)}}

    v1 = _log(tmp_path, "implement", "v1", samples, base, epochs)
    v2 = _log(tmp_path, "implement", "v2", samples, flaky, epochs)
    (row,) = _compare(tmp_path, v1, v2).rows
    assert row.ci_low is not None and row.ci_high is not None
    assert -1.0 <= row.ci_low <= row.ci_high <= 1.0
    assert not math.isnan(row.ci_low)
