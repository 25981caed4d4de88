"""Clarification tasks end to end on the offline model: the task's own reply, and the metrics.

A clarification task's request leaves one decision open (which duplicate account survives) and
its `clarification_reply` settles it; the hidden tests follow the reply. An agent that asks gets
that reply, in single-turn and agentic mode, and is recorded as having asked; one that guesses
wrong without asking fails the tests that depend on the answer, and the reply never reaches its
log.
"""

from __future__ import annotations

import math
from pathlib import Path

from archbench.core.dataset import TaskRecord
from archbench.core.harness import reference_answer, render_file_block
from tests.integrity.test_answer_key_leak import log_text

from .scripted import (
    call,
    only_sample,
    record,
    run_agentic,
    scores,
    turn,
    write_agent,
    write_script,
)

TASK = "customer-dedupe-merge"
QUESTION = "When two accounts share an email, which one should survive: the oldest or the newest?"
# The guess the task's reply rules out: keep the oldest account.
WRONG_GUESS = ("survivor = max(group, key=_recency)", "survivor = min(group, key=_recency)")


def _task() -> TaskRecord:
    return record("implement", TASK)


def _reply() -> str:
    reply = _task().clarification_reply
    assert reply is not None
    return reply


def _guessed_answer() -> str:
    old, new = WRONG_GUESS
    files = {path: text.replace(old, new) for path, text in _task().gold.items()}
    assert files != dict(_task().gold)
    return "\n\n".join(render_file_block(path, text) for path, text in sorted(files.items()))


def _user_replies(messages: list[object]) -> list[str]:
    return [m.text for m in messages if getattr(m, "role", "") == "user"][1:]  # type: ignore[attr-defined]


def test_single_turn_an_agent_that_asks_gets_the_task_s_reply_and_passes(tmp_path: Path) -> None:
    rules = [turn(1, reply=QUESTION), {"when": _reply(), "reply": reference_answer(_task())}]
    agent = write_agent(tmp_path)
    log = run_agentic("implement", agent, TASK, tmp_path, write_script(tmp_path, rules), "single")
    sample = only_sample(log)
    assert _user_replies(list(sample.messages)) == [_reply()]
    assert _reply() in log_text(Path(log.location))  # asked: the conversation holds the reply
    values = scores(sample)
    assert values["spec_adherence"] == 1.0 and values["asked_for_clarification"] == 1.0
    # Asking is right here: the sample is left out of clarification_turns (fewer is better).
    assert math.isnan(values["clarification_turns"])


def test_single_turn_a_wrong_guess_fails_the_ambiguous_tests(tmp_path: Path) -> None:
    script = write_script(tmp_path, [], default=_guessed_answer())
    log = run_agentic("implement", write_agent(tmp_path), TASK, tmp_path, script, mode="single")
    sample = only_sample(log)
    values = scores(sample)
    assert values["asked_for_clarification"] == 0.0
    # The tests that do not depend on the survivor still pass; those that do, fail.
    assert 0.0 < values["spec_adherence"] < 1.0
    [score] = (sample.scores or {}).values()
    assert "test_the_newest_account_survives" in (score.explanation or "")
    # Never asked, so the reply is not in the conversation nor anywhere in the log.
    assert _user_replies(list(sample.messages)) == []
    assert _reply() not in log_text(Path(log.location))


def test_agentic_an_agent_that_asks_gets_the_task_s_reply_and_passes(tmp_path: Path) -> None:
    writes = [call("Write", file_path=path, content=text) for path, text in _task().gold.items()]
    rules = [
        turn(1, reply=QUESTION),
        {"when": _reply(), "turn": 2, "tool_calls": [*writes]},
        turn(3, reply="Merged duplicates, keeping the newest account."),
    ]
    log = run_agentic(
        "implement", write_agent(tmp_path), TASK, tmp_path, write_script(tmp_path, rules)
    )
    sample = only_sample(log)
    assert _reply() in _user_replies(list(sample.messages))
    values = scores(sample)
    assert values["spec_adherence"] == 1.0 and values["asked_for_clarification"] == 1.0
    assert math.isnan(values["clarification_turns"])


def test_a_task_without_its_own_reply_still_counts_clarification_turns(tmp_path: Path) -> None:
    other = "circuit-breaker"
    script = write_script(tmp_path, [], default=reference_answer(record("implement", other)))
    log = run_agentic("implement", write_agent(tmp_path), other, tmp_path, script, mode="single")
    values = scores(only_sample(log))
    assert values["clarification_turns"] == 0.0
    assert math.isnan(values["asked_for_clarification"])
