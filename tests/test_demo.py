"""`archbench demo --limit 7`: what it says it will do, why its verdict is right, and logs that
tell their runs apart in inspect view (#21 items 1 and 5)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from inspect_ai.log import EvalLog, read_eval_log

from archbench.cli import main

SMALL_SAMPLE_METADATA = {
    "task_id", "kind", "title", "difficulty", "tier", "tags", "origin", "category"
}  # fmt: skip


@dataclass(frozen=True)
class DemoRun:
    code: int
    out: str
    log_dir: Path
    report_dir: Path


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    folder = tmp_path_factory.mktemp("demo")
    capture = pytest.MonkeyPatch()
    lines: list[str] = []
    capture.setattr("builtins.print", lambda *a, **k: lines.append(" ".join(map(str, a))))
    try:
        code = main(
            ["demo", "--limit", "7", "--log-dir", f"{folder}/logs", "--out", f"{folder}/out"]
        )
    finally:
        capture.undo()
    return DemoRun(code, "\n".join(lines), folder / "logs", folder / "out")


def test_it_starts_by_saying_what_it_will_do_and_how_long(demo: DemoRun) -> None:
    first = demo.out.splitlines()[0]
    assert first.startswith("archbench demo: runs the implement, review, refactor, design and")
    assert "at most 7 sample(s) per task, offline (no model, no key)" in first
    assert "Expect about 21 seconds." in demo.out.splitlines()[2]


def test_it_ends_by_explaining_the_expected_regression(demo: DemoRun) -> None:
    assert demo.code == 0
    assert "reference -> null: REGRESSION" in demo.out
    assert (
        "null answers nothing, so this REGRESSION is the expected result: the graders work"
        in demo.out
    )
    assert (demo.report_dir / "report.html").is_file()


def test_rows_not_scorable_offline_are_one_line_naming_the_flag(demo: DemoRun) -> None:
    [line] = [line for line in demo.out.splitlines() if line.startswith("not scored offline")]
    assert "7 rows: judge_design, judge_minimality, judge_modularity, judge_spec_adherence" in line
    assert "--model-role grader=<model>" in line
    table = [line for line in demo.out.splitlines() if line.startswith(("design ", "implement "))]
    assert table and not any("judge_" in row for row in table)


def _headers(log_dir: Path) -> list[EvalLog]:
    return [read_eval_log(str(path), header_only=True) for path in sorted(log_dir.glob("*.eval"))]


def test_each_log_names_its_agent_in_task_args_tags_and_metadata(demo: DemoRun) -> None:
    headers = _headers(demo.log_dir)
    assert len(headers) == 10
    for header in headers:
        agent = header.eval.task_args["agent"]
        assert agent in ("reference", "null")
        assert header.eval.tags == [agent]
        assert header.eval.metadata is not None
        assert header.eval.metadata["agent_reference"] == agent
    assert sorted(h.eval.task_args["agent"] for h in headers) == ["null"] * 5 + ["reference"] * 5


def test_sample_metadata_stays_small(demo: DemoRun) -> None:
    [review] = [
        log
        for log in (read_eval_log(str(p)) for p in demo.log_dir.glob("*_review_*.eval"))
        if log.eval.task_args["agent"] == "null"
    ]
    for sample in review.samples or []:
        assert set(sample.metadata) <= SMALL_SAMPLE_METADATA


def test_ctrl_c_stops_the_demo_keeps_its_logs_and_exits_130(tmp_path: Path) -> None:
    """A real SIGINT to the real command, once its first log exists (inspect cancels the running
    evaluations and returns; the demo used to go on with the null agent)."""
    log_dir = tmp_path / "logs"
    command = [sys.executable, "-m", "archbench.cli", "demo", "--log-dir", str(log_dir)]
    with subprocess.Popen(
        [*command, "--out", str(tmp_path / "out")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # A shell's background job ignores SIGINT, and the child would inherit that.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    ) as demo_process:
        while not list(log_dir.glob("*.eval")) and demo_process.poll() is None:
            time.sleep(0.2)
        demo_process.send_signal(signal.SIGINT)
        _, err = demo_process.communicate()
    assert demo_process.returncode == 130
    assert "archbench demo: interrupted. The logs of finished evaluations are kept" in err
    statuses = {read_eval_log(str(p), header_only=True).status for p in log_dir.glob("*.eval")}
    assert "cancelled" in statuses
    assert not [h for h in _headers(log_dir) if h.eval.task_args["agent"] == "null"]
