"""`archbench regrade LOG`: re-scoring without generation, judge calls served from the cache."""

from __future__ import annotations

import math
from pathlib import Path

from inspect_ai import eval as inspect_eval
from inspect_ai.log import EvalError, EvalLog, read_eval_log, write_eval_log
from inspect_ai.model import get_model
from inspect_ai.scorer import Score

from archbench.cli import main
from archbench.evalkit import build_task
from archbench.evalkit._scorers import grader_versions

from .conftest import KEY_POINTS, TRAPS, CountingJudge, run_design, verdict_rules, write_script

OTHER_DESIGN_TASK = "catalogue-api-caching"
CALLS = 27  # 9 criteria (6 key points, 3 traps) x 3 repeats


def judge_script(tmp_path: Path) -> Path:
    """Key points met, traps fallen into: 6 of 9."""
    verdicts = {**dict.fromkeys(KEY_POINTS, True), **dict.fromkeys(TRAPS, False)}
    return write_script(tmp_path, verdict_rules(verdicts))


def log_file(log: EvalLog) -> Path:
    return Path(log.location)


def regrade(log: Path, out: Path, *grader: str) -> EvalLog:
    assert main(["regrade", str(log), "--out", str(out), *grader]) == 0
    return read_eval_log(str(out))


def score_value(score: Score, key: str) -> float:
    assert isinstance(score.value, dict)
    return float(score.value[key])


def design_scores(log: EvalLog) -> dict[str, float]:
    return {
        str(s.id): score_value(s.scores["design_grader"], "judge_design")
        for s in log.samples or []
        if s.scores
    }


def test_regrade_scores_with_a_new_grader_then_makes_no_calls_the_second_time(
    tmp_path: Path,
) -> None:
    original = log_file(run_design(tmp_path, grader=None))
    grader = [
        "--model-role",
        "grader=countingjudge/cached",
        "-M",
        f"script={judge_script(tmp_path)}",
    ]
    first = regrade(original, tmp_path / "first.eval", *grader)
    assert design_scores(first) == {"event-pipeline-structure": 6 / 9}
    assert CountingJudge.calls == CALLS  # 2 criteria x 3 repeats, nothing was generated
    assert first.eval.metadata and first.eval.metadata["graders"] == grader_versions()
    assert first.eval.metadata["regraded_grader"] == "countingjudge/cached"
    assert first.results and first.results.scores[0].metrics["mean"].value == 6 / 9
    second = regrade(original, tmp_path / "second.eval", *grader)
    assert CountingJudge.calls == CALLS  # the second identical regrade made no model call
    assert design_scores(second) == design_scores(first)
    assert math.isnan(design_scores(read_eval_log(str(original)))["event-pipeline-structure"])


def test_regrade_reuses_the_grader_bound_in_the_log_and_its_cached_verdicts(
    tmp_path: Path,
) -> None:
    script = judge_script(tmp_path)
    log = run_design(tmp_path, get_model("countingjudge/bound", script=str(script)))
    assert CountingJudge.calls == CALLS
    assert design_scores(log) == {"event-pipeline-structure": 6 / 9}
    regraded = regrade(log_file(log), tmp_path / "regraded.eval")
    assert CountingJudge.calls == CALLS
    assert design_scores(regraded) == design_scores(log)


def test_errored_samples_are_carried_over_and_left_out_of_the_metrics(tmp_path: Path) -> None:
    [log] = inspect_eval(
        build_task("design", "reference"),
        model="none",
        sample_id=["event-pipeline-structure", OTHER_DESIGN_TASK],
        log_dir=str(tmp_path / "logs"),
        display="none",
    )
    assert log.samples and len(log.samples) == 2
    broken = next(s for s in log.samples if s.id == OTHER_DESIGN_TASK)
    broken.error = EvalError(message="solver crashed", traceback="", traceback_ansi="")
    broken.scores = None
    write_eval_log(log, str(tmp_path / "with-error.eval"))
    grader = ["--model-role", "grader=countingjudge/x", "-M", f"script={judge_script(tmp_path)}"]
    regraded = regrade(tmp_path / "with-error.eval", tmp_path / "out.eval", *grader)
    assert [s.id for s in regraded.samples or []] == [s.id for s in log.samples]
    kept = next(s for s in regraded.samples or [] if s.id == OTHER_DESIGN_TASK)
    assert kept.error and kept.error.message == "solver crashed" and not kept.scores
    assert design_scores(regraded) == {"event-pipeline-structure": 6 / 9}
    assert CountingJudge.calls == CALLS  # the errored sample was not judged
    assert regraded.results and regraded.results.total_samples == 2
    assert regraded.results.completed_samples == 1


def test_code_logs_rerun_the_hidden_tests_in_a_sandbox(tmp_path: Path) -> None:
    [log] = inspect_eval(
        build_task("implement", "null"),
        model="none",
        sample_id=["circuit-breaker"],
        log_dir=str(tmp_path / "logs"),
        display="none",
    )
    regraded = regrade(log_file(log), tmp_path / "regraded.eval")
    [sample] = regraded.samples or []
    assert sample.scores
    score = sample.scores["code_task_grader"]
    assert score_value(score, "spec_adherence") == 0.0
    assert "hidden tests passed" in (score.explanation or "")
    assert math.isnan(score_value(score, "judge_spec_adherence"))


def test_regrade_refuses_a_log_that_is_not_an_archbench_task(tmp_path: Path) -> None:
    assert main(["regrade", str(tmp_path / "missing.eval")]) == 2
