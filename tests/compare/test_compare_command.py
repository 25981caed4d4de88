"""End-to-end tests of `archbench compare` on synthetic inspect logs."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from archbench.compare import add_compare_parser, add_trend_parser
from archbench.compare._command import parse_delta

from .conftest import EPOCHS, SAMPLES, TASKS

ROW_KEYS = {
    "task", "metric", "n", "base_mean", "candidate_mean", "diff", "ci_low", "ci_high", "p_value",
    "p_holm", "mde80", "improved", "regressed", "unchanged", "flaky", "errors", "verdict",
}  # fmt: skip


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="archbench")
    subparsers = parser.add_subparsers(required=True)
    add_compare_parser(subparsers)
    add_trend_parser(subparsers)
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code


def compare(log_dir: Path, out: Path, base: str, candidate: str, *extra: str) -> int:
    return run_cli("compare", base, candidate, "--log-dir", str(log_dir), "--out", str(out), *extra)


def load_report(out: Path) -> dict[str, object]:
    report: dict[str, object] = json.loads((out / "report.json").read_text())
    return report


def rows_by_key(report: dict[str, object]) -> dict[tuple[str, str], dict[str, object]]:
    rows = report["rows"]
    assert isinstance(rows, list)
    return {(r["task"], r["metric"]): r for r in rows}


def test_a_version_compared_with_itself_passes(log_dir: Path, tmp_path: Path) -> None:
    assert compare(log_dir, tmp_path, "pba@v1", "pba@v1") == 0
    report = load_report(tmp_path)
    assert report["verdict"] == "NO REGRESSION"
    assert report["counts"] == {
        "paired": len(TASKS) * len(SAMPLES), "unpaired": 0, "errored_base": 0,
        "errored_candidate": 0, "unscored": 0, "tampered_base": 0, "tampered_candidate": 0,
    }  # fmt: skip
    rows = rows_by_key(report)
    metrics = ("bug_detection", "modularity", "review_score", "spec_adherence")
    assert set(rows) == {(t, m) for t in TASKS for m in metrics}
    primary = {key for key, row in rows.items() if row["role"] == "primary"}
    assert primary == {("implement", "spec_adherence"), ("review", "review_score")}
    for row in rows.values():
        assert set(row) >= ROW_KEYS
        assert row["n"] == len(SAMPLES)
        assert row["diff"] == 0.0
        assert row["verdict"] == "NON-INFERIOR"
    assert report["dataset_version"] == {"implement": "ds-1", "review": "ds-1"}


def test_a_clear_drop_is_a_regression_with_exit_1(
    log_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert compare(log_dir, tmp_path, "pba@v1", "pba@v2") == 1
    report = load_report(tmp_path)
    assert report["verdict"] == "REGRESSION"
    rows = rows_by_key(report)
    spec = rows[("implement", "spec_adherence")]
    assert spec["verdict"] == "REGRESSION"
    assert spec["diff"] < -0.4  # type: ignore[operator]
    assert spec["regressed"] == 18  # 18 of 24 samples drop to 0.1
    assert spec["p_holm"] >= spec["p_value"]  # type: ignore[operator]
    assert rows[("implement", "modularity")]["verdict"] == "NON-INFERIOR"
    base = report["base"]
    assert isinstance(base, dict)
    assert (base["agent"], base["version"], base["model"]) == (
        "pba", "v1", "anthropic/claude-sonnet-4-5",
    )  # fmt: skip
    assert len(base["log_files"]) == len(TASKS)
    assert "REGRESSION" in capsys.readouterr().out


def test_samples_carry_per_metric_scores_and_labels(log_dir: Path, tmp_path: Path) -> None:
    compare(log_dir, tmp_path, "pba@v1", "pba@v2")
    samples = load_report(tmp_path)["samples"]
    assert isinstance(samples, list)
    assert len(samples) == len(TASKS) * len(SAMPLES)
    broken = next(s for s in samples if s["task"] == "review" and s["sample_id"] == "task-01")
    spec = broken["metrics"]["spec_adherence"]
    assert spec["candidate"] == pytest.approx(0.1)
    assert spec["label"] == "regressed"
    assert broken["metrics"]["modularity"]["label"] == "unchanged"


def test_markdown_names_worst_samples_cost_and_prompt_diff(log_dir: Path, tmp_path: Path) -> None:
    compare(log_dir, tmp_path, "pba@v1", "pba@v2")
    markdown = (tmp_path / "report.md").read_text()
    assert "**REGRESSION**" in markdown
    assert "### Worst regressions" in markdown
    assert "`task-01`" in markdown
    assert "-You design small modules." in markdown
    assert "+You design big modules." in markdown
    # 2 tasks x 24 samples x 2 epochs x (1000 in, 200 out) tokens at $3 / $15 per million.
    samples = len(TASKS) * len(SAMPLES) * EPOCHS
    expected = samples * (1000 * 3 + 200 * 15) / 1e6
    assert f"${expected:.4f}" in markdown


def test_html_is_self_contained_with_plots(log_dir: Path, tmp_path: Path) -> None:
    compare(log_dir, tmp_path, "pba@v1", "pba@v2")
    html = (tmp_path / "report.html").read_text()
    assert html.count('<svg class="plot"') == 3 and html.count("</svg>") == 3
    # Nothing is fetched: the only URLs are links to the local `inspect view` of flipped samples.
    links = re.findall(r'<a href="(http[^"]*)"', html)
    assert links and all(link.startswith("http://127.0.0.1:7575/#/logs/") for link in links)
    unlinked = re.sub(r'<a href="http[^"]*"', "", html)
    assert "http://" not in unlinked and "https://" not in unlinked
    assert "task-01" in html


def test_different_datasets_are_refused_naming_the_difference(
    log_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert compare(log_dir, tmp_path, "pba@v1", "pba@v3") == 2
    captured = capsys.readouterr()
    assert "dataset_version ds-1 != ds-2" in captured.err
    assert "INVALID COMPARISON" in captured.out.splitlines()[0]
    report = load_report(tmp_path)
    assert report["verdict"] == "INVALID COMPARISON"
    assert any("ds-2" in reason for reason in report["invalid"])  # type: ignore[attr-defined]
    assert "**INVALID COMPARISON**" in (tmp_path / "report.md").read_text()


def test_allow_mismatch_compares_and_says_so(log_dir: Path, tmp_path: Path) -> None:
    assert compare(log_dir, tmp_path, "pba@v1", "pba@v3", "--allow-mismatch") == 0
    report = load_report(tmp_path)
    assert any("ds-2" in item for item in report["mismatch"])  # type: ignore[attr-defined]
    assert "Compared despite mismatch" in (tmp_path / "report.md").read_text()


def test_unknown_version_is_bad_input(
    log_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert compare(log_dir, tmp_path, "pba@v1", "pba@v99") == 2
    assert "pba@v2" in capsys.readouterr().err  # the message lists what exists


def test_only_failed_logs_exit_3(log_dir: Path, tmp_path: Path) -> None:
    assert compare(log_dir, tmp_path, "pba@v1", "pba@v4") == 3
    failed = next(log_dir.glob("implement-pba-v4-error-*.eval"))
    assert compare(log_dir, tmp_path, "pba@v1", str(failed)) == 3


def test_latest_successful_log_is_used_when_a_newer_one_failed(
    log_dir: Path, tmp_path: Path
) -> None:
    # v6's newer (failed) log holds v2's regression; its older successful log is v1's scores.
    assert compare(log_dir, tmp_path, "pba@v1", "pba@v6") == 0
    candidate = load_report(tmp_path)["candidate"]
    assert isinstance(candidate, dict)
    assert [Path(f).name for f in candidate["log_files"]] == [
        "implement-pba-v6-success-2026-11-25.eval"
    ]


def test_errors_are_failures_and_unscored_are_counted_not_zeroed(
    log_dir: Path, tmp_path: Path
) -> None:
    compare(log_dir, tmp_path, "pba@v1", "pba@v5")
    report = load_report(tmp_path)
    counts = report["counts"]
    assert isinstance(counts, dict)
    assert (counts["errored_base"], counts["errored_candidate"]) == (0, len(TASKS))
    rows = rows_by_key(report)
    modularity = rows[("implement", "modularity")]
    assert modularity["errors"] == 1
    assert modularity["unscored"] == EPOCHS  # task-05's two epochs: left out, not zeroed
    assert modularity["n"] == len(SAMPLES) - 1  # task-05 has no scored modularity in v5
    # task-03's errored epoch scores 0 (a crash is a failure): (22 * 0.7 + 0.35) / 23.
    assert modularity["candidate_mean"] == pytest.approx((22 * 0.7 + 0.35) / 23)
    spec = rows[("implement", "spec_adherence")]
    assert spec["n"] == len(SAMPLES)  # task-03 keeps its second epoch
    assert spec["errors"] == 1


def test_controls_reference_vs_null_regress(log_dir: Path, tmp_path: Path) -> None:
    assert compare(log_dir, tmp_path, "reference", "null") == 1
    report = load_report(tmp_path)
    assert report["base"]["agent"] == "reference"  # type: ignore[index]
    assert report["candidate"]["version"] is None  # type: ignore[index]


def test_log_file_paths_are_accepted(log_dir: Path, tmp_path: Path) -> None:
    base = next(log_dir.glob("implement-pba-v1-*.eval"))
    candidate = next(log_dir.glob("implement-pba-v2-*.eval"))
    assert compare(log_dir, tmp_path, str(base), str(candidate)) == 1
    assert {r["task"] for r in load_report(tmp_path)["rows"]} == {"implement"}  # type: ignore[attr-defined]


def test_per_metric_delta_can_turn_a_regression_off(log_dir: Path, tmp_path: Path) -> None:
    assert compare(log_dir, tmp_path, "pba@v1", "pba@v2", "--delta", "spec_adherence=0.9") == 0
    rows = rows_by_key(load_report(tmp_path))
    assert rows[("implement", "spec_adherence")]["delta"] == 0.9
    assert rows[("implement", "modularity")]["delta"] == 0.05  # the continuous default
    assert rows[("implement", "bug_detection")]["delta"] == 0.10  # the binary default


def test_parse_delta_forms() -> None:
    assert parse_delta("spec_adherence=0.05") == ("spec_adherence", 0.05)
    assert parse_delta("0.03") == ("*", 0.03)
    with pytest.raises(argparse.ArgumentTypeError):
        parse_delta("m=abc")
    with pytest.raises(argparse.ArgumentTypeError):
        parse_delta("=0.1")


def test_trend_prints_history_and_writes_plot(
    log_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli("trend", "--log-dir", str(log_dir), "--out", str(tmp_path)) == 0
    out = capsys.readouterr().out
    assert "pba@v6" in out and "spec_adherence" in out
    assert (tmp_path / "trend.png").stat().st_size > 1000


def test_trend_on_empty_dir_is_bad_input(tmp_path: Path) -> None:
    assert run_cli("trend", "--log-dir", str(tmp_path), "--out", str(tmp_path)) == 2


def test_nothing_in_common_is_bad_input_not_a_pass(
    log_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    implement = next(log_dir.glob("implement-pba-v1-*.eval"))
    review = next(log_dir.glob("review-pba-v1-*.eval"))
    assert compare(log_dir, tmp_path, str(implement), str(review)) == 2
    assert "share no task and metric" in capsys.readouterr().err
