"""The routing scorer on tool calls a script cannot produce: unparseable arguments."""

from __future__ import annotations

import asyncio
import math
from pathlib import Path

from inspect_ai.model import ModelName, ModelOutput
from inspect_ai.scorer import Target
from inspect_ai.solver import TaskState
from inspect_ai.tool import ToolCall

from archbench.core.routing import TASK_TOOL, Roster
from archbench.evalkit._answer_key import deposit_routes
from archbench.evalkit._routing import routing_grader
from archbench.io.agents import load_agent
from archbench.io.routing_data import load_routing_dataset, roster_agent

UNDER_TEST = "python-backend-architect"


def roster(project_root: Path) -> Roster:
    prompt = load_agent(f"{UNDER_TEST}@v1", project_root / "agents")
    return Roster(roster_agent(prompt), load_routing_dataset(project_root / "datasets").distractors)


def test_unparseable_arguments_score_zero_with_the_parse_error(project_root: Path) -> None:
    output = ModelOutput.for_tool_call("test/model", TASK_TOOL, {}, content="")
    call = ToolCall(id="1", function=TASK_TOOL, arguments={}, parse_error="Expecting ',' at 12")
    output.choices[0].message.tool_calls = [call]
    state = TaskState(ModelName("test/model"), "r1", 1, "request", [], output=output)
    grader = routing_grader(roster(project_root), deposit_routes("t1", {"r1": UNDER_TEST}))
    score = asyncio.run(grader(state, Target(UNDER_TEST)))
    assert score is not None and isinstance(score.value, dict)
    assert score.value["routing"] == 0.0 and score.value["delegation_recall"] == 0.0
    assert score.answer == "malformed" and "Expecting ','" in (score.explanation or "")


def test_a_grading_crash_is_unscored_not_a_miss(project_root: Path) -> None:
    output = ModelOutput.from_content("test/model", "answer")
    state = TaskState(ModelName("test/model"), "unknown-id", 1, "request", [], output=output)
    grader = routing_grader(roster(project_root), deposit_routes("t0", {}))
    score = asyncio.run(grader(state, Target("direct")))
    assert score is not None and isinstance(score.value, dict)
    assert all(math.isnan(float(value)) for value in score.value.values())
    assert (score.metadata or {})["unscored_reason"] == "scoring_failed"
