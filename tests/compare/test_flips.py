"""Flipped samples side by side (#20 item 6): which samples flip, what the report shows of
their two answers, and that only those samples are read from the logs."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import inspect_ai.log as inspect_log
import pytest
from inspect_ai.log import EvalSample

from archbench.compare import _flips, _zipdir, run_comparison
from archbench.compare._flip_select import SideRef, is_flip, shown_epoch
from archbench.compare._records import SampleRecord
from archbench.compare._render_flips import fence, md_flips
from archbench.core.report_model import SampleMetric

from .logfactory import RunSpec, ScoreValue, write_run

IMPLEMENT_IDS = ["s1", "s2", "s3"]
REVIEW_IDS = ["r1", "r2"]
FINDING = '[{"file": "app/users.py", "line": 12, "category": "logic", "severity": "major", ' \
    '"explanation": "off by one"}]'  # fmt: skip


def code_answer(body: str) -> str:
    return f"Here it is.\n\n```python path=app/users.py\ndef count():\n    {body}\n```\n"


def implement_scores(version: str) -> Any:
    def scores(sample_id: str, epoch: int) -> Mapping[str, ScoreValue]:
        broken = version == "v2" and sample_id == "s1"
        tidier = version == "v2" and sample_id == "s2"
        return {"hidden_tests": {"spec_adherence": 0.0 if broken else 1.0,
                                 "modularity": 0.8 if tidier else 0.7}}  # fmt: skip

    return scores


def implement_answers(version: str) -> Any:
    def answers(sample_id: str, epoch: int) -> tuple[str, str | None]:
        body = "return 2" if version == "v2" and sample_id == "s1" else "return 1"
        verdict = "3 of 3 hidden tests pass" if body == "return 1" else "0 of 3 hidden tests pass"
        return code_answer(body), f"{version} {sample_id}: {verdict}"

    return answers


def review_scores(version: str) -> Any:
    def scores(sample_id: str, epoch: int) -> Mapping[str, ScoreValue]:
        missed = version == "v2" and sample_id == "r1"
        return {"review": {"bug_detection": 0.0 if missed else 1.0}}

    return scores


def review_answers(version: str) -> Any:
    def answers(sample_id: str, epoch: int) -> tuple[str, str | None]:
        missed = version == "v2" and sample_id == "r1"
        findings = "[]" if missed else FINDING
        return f"```json\n{findings}\n```\n", "seeded bug missed" if missed else "bug found"

    return answers


@pytest.fixture(scope="module")
def flip_logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("flip-logs")
    for version in ("v1", "v2"):
        spec = RunSpec("implement", "pba", version)
        write_run(root / f"implement-{version}.eval", spec, IMPLEMENT_IDS, 1,
                  implement_scores(version), implement_answers(version))  # fmt: skip
        spec = RunSpec("review", "pba", version)
        write_run(root / f"review-{version}.eval", spec, REVIEW_IDS, 1,
                  review_scores(version), review_answers(version))  # fmt: skip
    return root


@pytest.fixture(scope="module")
def compared(flip_logs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("flip-report")
    run_comparison("pba@v1", "pba@v2", flip_logs, out)
    return out


def flips_of(out: Path) -> dict[str, dict[str, Any]]:
    report = json.loads((out / "report.json").read_text())
    return {flip["sample_id"]: flip for flip in report["flips"]}


def test_only_samples_that_moved_flip_and_regressions_come_first(compared: Path) -> None:
    report = json.loads((compared / "report.json").read_text())
    order = [flip["sample_id"] for flip in report["flips"]]
    assert sorted(order) == ["r1", "s1", "s2"]  # s3 and r2 did not move
    assert order == ["s1", "r1", "s2"]  # the two drops to 0 first; s2 only improved


def test_a_code_flip_shows_the_diff_of_the_delivered_files(compared: Path) -> None:
    flip = flips_of(compared)["s1"]
    assert flip["kind"] == "files"
    assert [m["metric"] for m in flip["metrics"]] == ["spec_adherence"]
    assert flip["metrics"][0]["change"] == "regressed"
    assert "--- base/app/users.py" in flip["diff"]
    assert "-    return 1" in flip["diff"] and "+    return 2" in flip["diff"]
    assert flip["base"]["explanation"] == "v1 s1: 3 of 3 hidden tests pass"
    assert flip["candidate"]["explanation"] == "v2 s1: 0 of 3 hidden tests pass"
    assert flip["candidate"]["files"] == ["app/users.py"]


def test_a_continuous_metric_flips_beyond_its_margin(compared: Path) -> None:
    flip = flips_of(compared)["s2"]
    assert [(m["metric"], m["change"]) for m in flip["metrics"]] == [("modularity", "improved")]
    assert flip["diff"] == ""  # same files: the report says so rather than inventing a diff


def test_a_review_flip_shows_both_findings_lists(compared: Path) -> None:
    flip = flips_of(compared)["r1"]
    assert flip["kind"] == "findings"
    assert [f["line"] for f in flip["base"]["findings"]] == [12]
    assert flip["candidate"]["findings"] == []
    assert flip["candidate"]["explanation"] == "seeded bug missed"


def test_each_flip_links_to_its_sample_in_inspect_view(compared: Path, flip_logs: Path) -> None:
    side = flips_of(compared)["s1"]["candidate"]
    assert side["view_log_dir"] == str(flip_logs)
    assert side["epoch"] == 1
    assert side["view_url"] == (
        "http://127.0.0.1:7575/#/logs/implement-v2.eval/samples/sample/s1/1/"
    )


def test_markdown_and_html_collapse_each_flip(compared: Path) -> None:
    markdown = (compared / "report.md").read_text()
    section = markdown[markdown.index("### Flipped samples") :]
    assert section.count("<details><summary><b>") == 3
    assert "implement / s1: spec_adherence 1.000 → 0.000 (regressed)" in section
    assert "+    return 2" in section
    assert "| base findings (1) | candidate findings (0) |" in section
    assert "| `app/users.py:12` major / logic: off by one | (none) |" in section
    assert "inspect view --log-dir" in section
    html = (compared / "report.html").read_text()
    assert html.count('<details class="flip">') == 3
    assert "implement-v2.eval/samples/sample/s1/1/" in html
    assert "off by one" in html


def test_only_the_flipped_samples_are_read(
    flip_logs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[tuple[str, str, int]] = []
    original = _flips._sample_member

    def counting(log: _zipdir.LogZip, ref: SideRef) -> _flips.SampleJson:
        read.append((Path(ref.log_file).name, ref.sample_id, ref.epoch))
        return original(log, ref)

    monkeypatch.setattr("archbench.compare._flips._sample_member", counting)
    run_comparison("pba@v1", "pba@v2", flip_logs, tmp_path)
    assert sorted(read) == sorted(
        (f"{task}-{v}.eval", sid, 1)
        for task, sid in (("implement", "s1"), ("implement", "s2"), ("review", "r1"))
        for v in ("v1", "v2")
    )


def test_json_logs_are_read_through_inspect(
    tmp_path: Path, compared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    original = inspect_log.read_eval_log_sample

    def counting(log_file: str, sample_id: str, epoch: int, **kwargs: Any) -> EvalSample:
        read.append(sample_id)
        return original(log_file, sample_id, epoch, **kwargs)

    monkeypatch.setattr(inspect_log, "read_eval_log_sample", counting)
    for version in ("v1", "v2"):
        # inspect lists a .json log only under a name that starts with a timestamp.
        write_run(tmp_path / "logs" / f"2026-11-26T06-00-00_implement-{version}.json",
                  RunSpec("implement", "pba", version), IMPLEMENT_IDS, 1,
                  implement_scores(version), implement_answers(version))  # fmt: skip
    run_comparison("pba@v1", "pba@v2", tmp_path / "logs", tmp_path / "out")
    assert sorted(read) == ["s1", "s1", "s2", "s2"]
    from_json, from_eval = flips_of(tmp_path / "out")["s1"], flips_of(compared)["s1"]
    assert from_json["diff"] == from_eval["diff"]
    assert from_json["candidate"]["explanation"] == from_eval["candidate"]["explanation"]


def many_scores(version: str) -> Any:
    def scores(sample_id: str, epoch: int) -> Mapping[str, ScoreValue]:
        return {"hidden_tests": {"spec_adherence": 0.0 if version == "v2" else 1.0}}

    return scores


def long_answers(version: str) -> Any:
    def answers(sample_id: str, epoch: int) -> tuple[str, str | None]:
        body = "\n    ".join(f"x{i} = {i if version == 'v1' else -i}" for i in range(300))
        return code_answer(body), None

    return answers


def test_flips_and_diffs_are_capped_with_counts(tmp_path: Path) -> None:
    ids = [f"t{i:02d}" for i in range(23)]
    for version in ("v1", "v2"):
        write_run(tmp_path / "logs" / f"implement-{version}.eval",
                  RunSpec("implement", "pba", version), ids, 1, many_scores(version),
                  long_answers(version))  # fmt: skip
    run_comparison("pba@v1", "pba@v2", tmp_path / "logs", tmp_path / "out")
    flips = json.loads((tmp_path / "out" / "report.json").read_text())["flips"]
    assert len(flips) == 23
    shown = [f for f in flips if f["base"] is not None]
    assert len(shown) == _flips.MAX_SHOWN_FLIPS
    assert all(len(f["diff"].splitlines()) == _flips.MAX_DIFF_LINES for f in shown)
    assert all(f["diff_lines_omitted"] > 0 for f in shown)
    markdown = (tmp_path / "out" / "report.md").read_text()
    assert "more diff lines not shown" in markdown
    assert "more flipped samples (answers not shown)" in markdown
    assert len(markdown) < 65_536  # GitHub's comment limit


def test_binary_flips_need_half_the_scale_and_continuous_ones_the_margin() -> None:
    def moved(diff: float) -> SampleMetric:
        return SampleMetric(base=1.0, candidate=1.0 + diff, diff=diff, label="unchanged")

    assert is_flip("bug_detection", moved(-2 / 3), delta=0.10)  # 3 epochs: 1,1,1 -> 0,0,1
    assert not is_flip("bug_detection", moved(-1 / 3), delta=0.10)
    assert is_flip("modularity", moved(-0.03), delta=0.02)
    assert not is_flip("modularity", moved(-0.02), delta=0.02)


def test_the_epoch_shown_is_the_one_nearest_the_mean() -> None:
    def record(epoch: int, value: float) -> SampleRecord:
        return SampleRecord("a", epoch, {"bug_detection": value})

    records = [record(1, 1.0), record(2, 0.0), record(3, 0.0)]
    assert shown_epoch(records, "a", "bug_detection") == 2
    assert shown_epoch(records, "missing", "bug_detection") == 1


def test_a_fence_outgrows_the_backticks_inside() -> None:
    assert fence("```python\nx\n```", "diff")[0] == "````diff"
    assert fence("plain")[0] == "```"


def test_no_flip_says_so(compared: Path) -> None:
    report_json = json.loads((compared / "report.json").read_text())
    from archbench.core.report_model import Report

    report = Report.model_validate(report_json).model_copy(update={"flips": []})
    assert "No sample flipped" in "\n".join(md_flips(report))
