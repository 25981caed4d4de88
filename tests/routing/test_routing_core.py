"""Pure routing logic: the roster, reading decisions from tool calls, scores and statistics."""

from __future__ import annotations

from typing import Any

import pytest

from archbench.core.routing import (
    DIRECT_ROUTE,
    TASK_TOOL,
    UNDER_TEST_ROUTE,
    DecisionKind,
    ProposedCall,
    Roster,
    RosterAgent,
    RosterError,
    confusion_table,
    decide_route,
    delegation_stats,
    score_route,
    task_tool_description,
)

UNDER_TEST = "python-backend-architect"


def agent(name: str, version: str = "v1", sha: str = "0" * 64) -> RosterAgent:
    return RosterAgent(name, f"Use {name} for its work.", version, sha, ("Read",))


@pytest.fixture
def roster() -> Roster:
    return Roster(agent(UNDER_TEST), (agent("go-developer"), agent("frontend-developer")))


def delegate(subagent: Any, **extra: Any) -> ProposedCall:
    arguments = {"description": "Do it", "prompt": "the request", "subagent_type": subagent}
    return ProposedCall(TASK_TOOL, {**arguments, **extra})


def test_roster_lists_agents_by_name_with_their_tools(roster: Roster) -> None:
    text = task_tool_description(roster)
    lines = [line for line in text.splitlines() if line.startswith("- ") and "(Tools:" in line]
    assert lines == [
        "- frontend-developer: Use frontend-developer for its work. (Tools: Read)",
        "- go-developer: Use go-developer for its work. (Tools: Read)",
        f"- {UNDER_TEST}: Use {UNDER_TEST} for its work. (Tools: Read)",
    ]


def test_agent_without_declared_tools_is_shown_with_all_tools() -> None:
    general = RosterAgent("general-purpose", "Research things.", "v1", "1" * 64)
    assert general.roster_line().endswith("(Tools: *)")


def test_roster_rejects_duplicate_and_reserved_names() -> None:
    with pytest.raises(RosterError, match="repeated: go-developer"):
        Roster(agent(UNDER_TEST), (agent("go-developer"), agent("go-developer")))
    with pytest.raises(RosterError, match="reserved"):
        Roster(agent(UNDER_TEST), (agent(DIRECT_ROUTE),))


def test_resolve_maps_the_dataset_alias_to_the_agent_under_test(roster: Roster) -> None:
    assert roster.resolve(UNDER_TEST_ROUTE) == UNDER_TEST
    assert roster.resolve("go-developer") == "go-developer"
    assert roster.resolve(DIRECT_ROUTE) == DIRECT_ROUTE


def test_distractor_identity_changes_with_a_distractor_but_not_the_agent_under_test() -> None:
    distractors = (agent("go-developer"),)
    base = Roster(agent(UNDER_TEST, "v1"), distractors).distractor_identity()
    new_prompt = Roster(agent(UNDER_TEST, "v2", "2" * 64), distractors).distractor_identity()
    edited = Roster(agent(UNDER_TEST), (agent("go-developer", "v2", "3" * 64),))
    assert base == new_prompt
    assert base["agents"] == {"go-developer": "v1"}
    assert edited.distractor_identity()["sha256"] != base["sha256"]


def test_no_tool_call_is_a_direct_answer(roster: Roster) -> None:
    decision = decide_route([], roster)
    assert (decision.kind, decision.route) == (DecisionKind.DIRECT, DIRECT_ROUTE)


def test_a_valid_delegation_routes_to_the_named_agent(roster: Roster) -> None:
    decision = decide_route([delegate(" go-developer ")], roster)
    assert (decision.kind, decision.route, decision.problem) == (
        DecisionKind.DELEGATE,
        "go-developer",
        None,
    )


def test_delegation_to_an_unknown_agent_is_named_in_the_route(roster: Roster) -> None:
    decision = decide_route([delegate("backend-developer")], roster)
    assert decision.kind is DecisionKind.UNKNOWN_AGENT
    assert decision.route == "unknown:backend-developer"


@pytest.mark.parametrize(
    ("call", "problem"),
    [
        (ProposedCall(TASK_TOOL, {}, parse_error="Expecting value: line 1"), "could not be parsed"),
        (ProposedCall(TASK_TOOL, None), "not a JSON object"),
        (ProposedCall(TASK_TOOL, {"subagent_type": UNDER_TEST}), "description, prompt"),
        (delegate(42), "subagent_type"),
        (delegate(UNDER_TEST, priority="high"), "unexpected arguments: priority"),
        (ProposedCall("Bash", {"command": "ls"}), "'Bash', which is not an available tool"),
    ],
)
def test_malformed_calls_route_nowhere(roster: Roster, call: ProposedCall, problem: str) -> None:
    decision = decide_route([call], roster)
    assert decision.kind is DecisionKind.MALFORMED
    assert decision.problem is not None and problem in decision.problem


def test_parallel_delegations_to_one_agent_route_to_it(roster: Roster) -> None:
    decision = decide_route([delegate(UNDER_TEST), delegate(UNDER_TEST)], roster)
    assert (decision.kind, decision.route) == (DecisionKind.DELEGATE, UNDER_TEST)


def test_delegations_to_several_agents_are_split(roster: Roster) -> None:
    decision = decide_route([delegate(UNDER_TEST), delegate("go-developer")], roster)
    assert decision.kind is DecisionKind.SPLIT
    assert decision.route == f"split:go-developer+{UNDER_TEST}"


def test_one_bad_call_among_delegations_decides(roster: Roster) -> None:
    decision = decide_route([delegate(UNDER_TEST), delegate("nobody")], roster)
    assert decision.kind is DecisionKind.UNKNOWN_AGENT


@pytest.mark.parametrize(
    ("expected", "actual", "scores"),
    [
        (UNDER_TEST, UNDER_TEST, (1.0, 1.0, None)),
        (UNDER_TEST, "go-developer", (0.0, 0.0, None)),
        (UNDER_TEST, DIRECT_ROUTE, (0.0, 0.0, None)),
        ("go-developer", "go-developer", (1.0, None, 1.0)),
        ("go-developer", UNDER_TEST, (0.0, None, 0.0)),
        ("go-developer", "frontend-developer", (0.0, None, 1.0)),
        (DIRECT_ROUTE, "malformed", (0.0, None, 1.0)),
    ],
)
def test_score_route(
    expected: str, actual: str, scores: tuple[float, float | None, float | None]
) -> None:
    score = score_route(expected, actual, UNDER_TEST)
    assert (score.routing, score.delegation_recall, score.delegation_specificity) == scores


def test_precision_and_recall_of_delegation_to_the_agent_under_test() -> None:
    outcomes = [
        (UNDER_TEST, UNDER_TEST),
        (UNDER_TEST, UNDER_TEST),
        (UNDER_TEST, DIRECT_ROUTE),
        ("go-developer", UNDER_TEST),
        ("go-developer", "go-developer"),
        (DIRECT_ROUTE, DIRECT_ROUTE),
    ]
    stats = delegation_stats(outcomes, UNDER_TEST)
    assert (stats.true_positives, stats.false_positives, stats.false_negatives) == (2, 1, 1)
    assert stats.precision == pytest.approx(2 / 3) and stats.recall == pytest.approx(2 / 3)


def test_precision_is_undefined_when_nothing_is_delegated() -> None:
    stats = delegation_stats([(UNDER_TEST, DIRECT_ROUTE)], UNDER_TEST)
    assert stats.precision is None and stats.recall == 0.0


def test_confusion_table_counts_expected_against_actual() -> None:
    outcomes = [(UNDER_TEST, UNDER_TEST), (UNDER_TEST, UNDER_TEST), (UNDER_TEST, DIRECT_ROUTE)]
    table = confusion_table([*outcomes, (DIRECT_ROUTE, DIRECT_ROUTE)])
    assert table.count(UNDER_TEST, UNDER_TEST) == 2 and table.count(DIRECT_ROUTE, UNDER_TEST) == 0
    assert table.as_rows() == [
        ["expected \\ actual", DIRECT_ROUTE, UNDER_TEST],
        [DIRECT_ROUTE, "1", "0"],
        [UNDER_TEST, "1", "2"],
    ]
