"""Agentic mode end to end: scripted agents on the offline model, in the isolated sandbox."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from inspect_ai.event import ModelEvent

from archbench.core.agentic import DEFAULT_CLARIFICATION_REPLY
from archbench.core.harness import reference_answer
from archbench.evalkit import build_task
from archbench.evalkit._scorers import WORK_DIR_FORMAT_NOTE

from .scripted import (
    PROJECT_ROOT,
    call,
    only_sample,
    record,
    run_agentic,
    scores,
    tool_results,
    turn,
    write_agent,
    write_script,
)

TASK = "optimistic-locking-update"  # starter wiki/pages.py, gold rewrites it
OWN_TEST = "from wiki import pages\n\n\ndef test_module_loads() -> None:\n    assert pages\n"
RUN_OWN_TEST = "python -m pytest -q -p no:cacheprovider tests/test_own.py"
QUESTION = "Should a stale update raise an error or return a conflict result?"


def solving_turns(first: int) -> list[dict[str, object]]:
    """Write the reference files and a test of its own, run that test, then finish."""
    gold = record("implement", TASK).gold
    writes = [call("Write", file_path=path, content=text) for path, text in gold.items()]
    return [
        turn(first, *writes, call("Write", file_path="tests/test_own.py", content=OWN_TEST)),
        turn(first + 1, call("Bash", command=RUN_OWN_TEST)),
        turn(first + 2, reply="Implemented optimistic locking in wiki/pages.py; my test passes."),
    ]


@pytest.mark.parametrize("sandbox", ["archbench-bwrap", "local"])
def test_an_agent_that_writes_the_reference_and_tests_it_scores_full_marks(
    sandbox: str, tmp_path: Path
) -> None:
    explore = turn(
        1,
        call("Read", file_path="wiki/pages.py"),
        call("Glob", pattern="**/*.py"),
        call("Bash", command="ls -A"),
    )
    script = write_script(tmp_path, [explore, *solving_turns(2)])
    log = run_agentic("implement", write_agent(tmp_path), TASK, tmp_path, script, sandbox=sandbox)
    sample = only_sample(log)
    values = scores(sample)
    assert values["spec_adherence"] == 1.0 and values["clarification_turns"] == 0.0
    results = tool_results(sample)
    starter_first_line = record("implement", TASK).shown["wiki/pages.py"].split("\n")[0]
    assert results["Read"][0].startswith(f"     1\t{starter_first_line}")
    assert results["Glob"] == ["wiki/pages.py"]
    assert "_hidden_tests" not in results["Bash"][0]  # hidden tests come only after the agent
    assert "1 passed" in results["Bash"][1]
    assert sample.output.completion.startswith("Implemented optimistic locking")
    metadata = log.eval.metadata or {}
    assert metadata["mode"] == "agentic" and metadata["tool_grant"]["refused"] == []
    assert sample.metadata["agentic"]["refused_tool_calls"] == []


def test_a_question_gets_the_simulated_reply_once_and_the_agent_goes_on(tmp_path: Path) -> None:
    rules = [turn(1, reply=QUESTION), *solving_turns(2)]
    script = write_script(tmp_path, rules)
    log = run_agentic("implement", write_agent(tmp_path), TASK, tmp_path, script)
    sample = only_sample(log)
    replies = [m.text for m in sample.messages if m.role == "user"][1:]
    assert replies == [DEFAULT_CLARIFICATION_REPLY]
    values = scores(sample)
    assert values["clarification_turns"] == 1.0 and values["spec_adherence"] == 1.0


def test_an_agent_that_keeps_asking_is_answered_once_then_stopped(tmp_path: Path) -> None:
    script = write_script(tmp_path, [], default=QUESTION)
    log = run_agentic("implement", write_agent(tmp_path), TASK, tmp_path, script)
    sample = only_sample(log)
    assert [m.role for m in sample.messages].count("assistant") == 2
    values = scores(sample)
    assert values["clarification_turns"] == 1.0 and values["spec_adherence"] == 0.0


def test_an_agent_that_never_stops_hits_the_message_limit_and_is_still_scored(
    tmp_path: Path,
) -> None:
    forever = {"when": "", "tool_calls": [call("Bash", command="echo still working")]}
    script = write_script(tmp_path, [forever])
    log = run_agentic("implement", write_agent(tmp_path), TASK, tmp_path, script, message_limit=12)
    sample = only_sample(log)
    assert sample.limit is not None and (sample.limit.type, sample.limit.limit) == ("message", 12)
    assert scores(sample)["spec_adherence"] == 0.0  # the starter fails the hidden tests
    [score] = (sample.scores or {}).values()
    assert (score.metadata or {})["limits_hit"] == ["message 12/12"]


def test_a_tool_the_frontmatter_does_not_grant_is_refused(tmp_path: Path) -> None:
    agent = write_agent(tmp_path, tools="Read, Write")
    rules = [
        turn(1, call("Bash", command="touch ran.txt")),
        turn(2, call("Glob", pattern="*")),
        turn(3, reply="I could not run commands."),
    ]
    log = run_agentic("implement", agent, TASK, tmp_path, write_script(tmp_path, rules))
    sample = only_sample(log)
    results = tool_results(sample)
    assert "not found" in results["Bash"][0] and "not found" in results["Glob"][0]
    assert sample.metadata["agentic"]["refused_tool_calls"] == ["Bash", "Glob"]
    offered = {
        tuple(tool.name for tool in event.tools)
        for event in sample.events
        if isinstance(event, ModelEvent)
    }
    assert offered == {("Read", "Write")}
    grant = (log.eval.metadata or {})["tool_grant"]
    assert grant["granted"] == ["Read", "Write"] and "Bash" in grant["refused"]


def test_tools_act_only_inside_the_sandbox_work_dir(tmp_path: Path) -> None:
    reference_copy = PROJECT_ROOT / "datasets/implement" / TASK / "reference/wiki/pages.py"
    rules = [
        turn(
            1,
            call("Edit", file_path="wiki/pages.py", old_string="\n", new_string="\n\n"),
            call("Edit", file_path="wiki/pages.py", old_string="NOT THERE", new_string="x"),
            call("Read", file_path="../../etc/hostname"),
            call("Write", file_path="_hidden_tests/conftest.py", content="x = 1\n"),
            call("Bash", command=f"ln -s {reference_copy} peek.py"),
        ),
        turn(
            2,
            call("Read", file_path="peek.py"),
            call("Grep", pattern="^class ", glob="*.py", output_mode="count"),
            call("Grep", pattern="^import", path="wiki/pages.py", output_mode="content"),
            call("TodoWrite", todos=[{"content": "read", "status": "completed"}]),
            call("WebFetch", url="https://example.com"),
        ),
        turn(3, reply="Done."),
    ]
    agent = write_agent(tmp_path)
    log = run_agentic("implement", agent, TASK, tmp_path, write_script(tmp_path, rules))
    results = tool_results(only_sample(log))
    assert "Found" in results["Edit"][0] and "not found" in results["Edit"][1]
    assert "outside the working directory" in results["Read"][0]
    assert "reserved for the grader" in results["Write"][0]
    # The symlink points into the project checkout, which the isolated sandbox hides.
    assert "Cannot read peek.py" in results["Read"][1]
    assert results["Grep"] == ["wiki/pages.py:4", "wiki/pages.py:1:import sqlite3"]
    assert results["TodoWrite"] == ["Todos have been modified successfully."]
    assert "not available in this benchmark" in results["WebFetch"][0]


@pytest.mark.parametrize(
    ("kind", "task_id"), [("implement", TASK), ("refactor", "billing-engine-monolith")]
)
def test_control_agents_leave_their_work_in_the_work_dir(
    kind: str, task_id: str, tmp_path: Path
) -> None:
    reference = only_sample(run_agentic(kind, "reference", task_id, tmp_path / "r"))
    assert scores(reference)["spec_adherence"] == 1.0
    # The files come from the work dir: the answer's packaging is neither graded nor counted.
    [score] = (reference.scores or {}).values()
    assert (score.explanation or "").splitlines()[0] == WORK_DIR_FORMAT_NOTE
    assert math.isnan(scores(reference)["format_fallbacks"])
    if kind == "implement":  # a refactor's starter passes its tests: null scores there too
        null = only_sample(run_agentic(kind, "null", task_id, tmp_path / "n"))
        assert scores(null)["spec_adherence"] == 0.0


def test_agentic_review_takes_findings_from_the_answer_and_the_fix_from_the_work_dir(
    tmp_path: Path,
) -> None:
    task_id = "attachment-path-prefix"
    review = record("review", task_id)
    findings = reference_answer(review).split("```json", 1)[1]
    writes = [call("Write", file_path=path, content=text) for path, text in review.gold.items()]
    rules = [turn(1, *writes), turn(2, reply="Fixed the prefix check.\n\n```json" + findings)]
    agent = write_agent(tmp_path)
    log = run_agentic("review", agent, task_id, tmp_path, write_script(tmp_path, rules))
    values = scores(only_sample(log))
    assert values["bug_detection"] == 1.0 and values["fix_verified"] == 1.0
    assert values["false_positives"] == 0.0


def test_single_turn_question_gets_the_reply_and_a_second_turn(tmp_path: Path) -> None:
    task = record("implement", TASK)
    rules = [
        turn(1, reply=QUESTION),
        {"when": DEFAULT_CLARIFICATION_REPLY, "reply": reference_answer(task)},
    ]
    script = write_script(tmp_path, rules)
    log = run_agentic("implement", write_agent(tmp_path), TASK, tmp_path, script, mode="single")
    sample = only_sample(log)
    values = scores(sample)
    assert values["clarification_turns"] == 1.0 and values["spec_adherence"] == 1.0
    assert (log.eval.metadata or {})["mode"] == "single"


def test_frontmatter_model_is_recorded_and_used_only_when_honoured(tmp_path: Path) -> None:
    agent = write_agent(tmp_path, model="archbench/offline")
    honoured = build_task("implement", agent, mode="agentic", honor_model=True)
    ignored = build_task("implement", agent, mode="agentic")
    assert (honoured.metadata or {})["agent_model_id"] == "archbench/offline"
    assert honoured.model is not None and "offline" in str(honoured.model)
    assert (ignored.metadata or {})["agent_model"] == "archbench/offline"
    assert ignored.model is None and (ignored.metadata or {})["agent_model_id"] is None


def test_files_the_agent_plants_where_hidden_tests_go_are_dropped_before_grading(
    tmp_path: Path,
) -> None:
    plant = "mkdir -p _hidden_tests && echo 'raise SystemExit(3)' > _hidden_tests/conftest.py"
    rules = [turn(1, call("Bash", command=plant)), *solving_turns(2)]
    script = write_script(tmp_path, rules)
    sample = only_sample(run_agentic("implement", write_agent(tmp_path), TASK, tmp_path, script))
    assert scores(sample)["spec_adherence"] == 1.0  # the planted conftest would fail every test
    [score] = (sample.scores or {}).values()
    assert "rejected file path '_hidden_tests/conftest.py'" in (score.explanation or "")


def test_bash_commands_have_the_graders_time_limits(tmp_path: Path) -> None:
    # The timeout the agent asks for (1 s) is a CPU limit and an own-time limit, as for graded
    # code: a busy loop is stopped by the CPU limit, a sleep by its own time, busy machine or not.
    rules = [
        turn(1, call("Bash", command="sleep 600", timeout=1000)),
        turn(2, call("Bash", command="python3 -c 'while True: pass'", timeout=1000)),
        turn(3, reply="Both commands were too slow."),
    ]
    log = run_agentic(
        "implement", write_agent(tmp_path), TASK, tmp_path, write_script(tmp_path, rules)
    )
    sleeping, looping = tool_results(only_sample(log))["Bash"]
    assert sleeping == looping == "Command timed out after 1 s and was killed."
