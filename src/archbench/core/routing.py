"""Routing: does the orchestrator hand a request to the agent under test, to another agent, or
answer it itself? Pure logic: the roster, the Task tool's text, decisions and per-request scores
(the statistics over many requests are in `archbench.core.routing_outcomes`).

The orchestrator sees the roster the way Claude Code shows subagents: one line per agent in the
description of its delegation tool `Task(description, prompt, subagent_type)`. A request is
routed by the tool call the orchestrator makes, or by making none (it answers directly).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from archbench.core.errors import ArchbenchError
from archbench.core.registry import GRADER_VERSIONS

# Re-exported so that callers import all of routing from one place.
from archbench.core.routing_outcomes import ConfusionTable as ConfusionTable
from archbench.core.routing_outcomes import DelegationStats as DelegationStats
from archbench.core.routing_outcomes import Outcome as Outcome
from archbench.core.routing_outcomes import confusion_table as confusion_table
from archbench.core.routing_outcomes import delegation_stats as delegation_stats
from archbench.core.routing_outcomes import outcome_from_metadata as outcome_from_metadata
from archbench.core.routing_outcomes import outcome_metadata as outcome_metadata

TASK_TOOL = "Task"
TASK_TOOL_PARAMETERS: Mapping[str, str] = {
    # Claude Code's own wording for its Task tool's parameters.
    "description": "A short (3-5 word) description of the task",
    "prompt": "The task for the agent to perform",
    "subagent_type": "The type of specialized agent to use for this task",
}
DIRECT_ROUTE = "direct"
# Dataset spelling of "the agent under test", whatever its `name` in a given prompt version.
UNDER_TEST_ROUTE = "under-test"
ALL_TOOLS = "*"
# Bump when the orchestrator's system prompt or the Task tool's text changes: runs with different
# harness versions saw different instructions and are not compared.
ROUTING_HARNESS_VERSION = GRADER_VERSIONS["routing_harness"]
ORCHESTRATOR_SYSTEM_PROMPT = (
    "You are an interactive assistant that helps users with software engineering tasks. "
    "You can hand a task to a specialised agent with the Task tool when one fits it; "
    "otherwise do the task or answer the question yourself."
)


class RosterError(ArchbenchError):
    """A roster that cannot be shown to an orchestrator (duplicate or empty names)."""


@dataclass(frozen=True)
class RosterAgent:
    """One subagent the orchestrator may delegate to, as Claude Code presents it."""

    name: str
    description: str
    version: str | None
    sha256: str
    tools: tuple[str, ...] = ()

    def roster_line(self) -> str:
        tools = ", ".join(self.tools) if self.tools else ALL_TOOLS
        return f"- {self.name}: {self.description} (Tools: {tools})"


@dataclass(frozen=True)
class Roster:
    """The agent under test among distractors written for the benchmark."""

    under_test: RosterAgent
    distractors: tuple[RosterAgent, ...]

    def __post_init__(self) -> None:
        names = [agent.name for agent in self.agents]
        duplicates = sorted(name for name, count in Counter(names).items() if count > 1)
        if duplicates:
            raise RosterError(f"roster names must be unique; repeated: {', '.join(duplicates)}")
        if DIRECT_ROUTE in names:
            raise RosterError(f"'{DIRECT_ROUTE}' is reserved for answering without delegating")

    @property
    def agents(self) -> tuple[RosterAgent, ...]:
        """Every agent, sorted by name so that no position favours the agent under test."""
        return tuple(sorted((self.under_test, *self.distractors), key=lambda a: a.name))

    @property
    def names(self) -> frozenset[str]:
        return frozenset(agent.name for agent in self.agents)

    def resolve(self, route: str) -> str:
        """A dataset route (`under-test`, `direct` or a distractor name) as a concrete route."""
        return self.under_test.name if route == UNDER_TEST_ROUTE else route

    def distractor_identity(self) -> dict[str, Any]:
        """Names, versions and one hash of the distractors: the fixed part of a run's roster.

        The agent under test is left out: it is what changes between the versions compared.
        """
        versions = {agent.name: agent.version for agent in self.distractors}
        digest = hashlib.sha256(
            json.dumps(sorted((a.name, a.sha256) for a in self.distractors)).encode()
        ).hexdigest()
        return {"agents": versions, "sha256": digest[:16]}


def task_tool_description(roster: Roster) -> str:
    """The Task tool's description, modelled on the text Claude Code gives the main assistant."""
    lines = "\n".join(agent.roster_line() for agent in roster.agents)
    return (
        "Launch a new agent to handle complex, multi-step tasks autonomously.\n\n"
        f"Available agent types and the tools they have access to:\n{lines}\n\n"
        "When using the Task tool, you must specify a subagent_type parameter to select which "
        "agent type to use.\n\n"
        "When NOT to use the Task tool:\n"
        "- If the request is a quick question you can answer directly, answer it yourself\n"
        "- If no agent's description matches the task, do it yourself\n\n"
        "Usage notes:\n"
        "- The agent's outcome is not visible to the user: summarise it for them\n"
        "- Each agent invocation is stateless: the prompt must contain everything the agent "
        "needs\n"
        "- If an agent description says it should be used proactively, use it without being "
        "asked"
    )


# --------------------------------------------------------------------------- decisions


class DecisionKind(Enum):
    DELEGATE = "delegate"
    DIRECT = "direct"
    UNKNOWN_AGENT = "unknown_agent"
    SPLIT = "split"
    MALFORMED = "malformed"


@dataclass(frozen=True)
class ProposedCall:
    """A tool call as the orchestrator wrote it, before anything runs.

    `arguments` is None when the model's arguments were not a JSON object; `parse_error` holds
    the provider's complaint when it could not parse them at all.
    """

    function: str
    arguments: Mapping[str, Any] | None
    parse_error: str | None = None


@dataclass(frozen=True)
class RoutingDecision:
    """Where the orchestrator sent the request; `route` is what the confusion table shows."""

    kind: DecisionKind
    route: str
    problem: str | None = None


def decide_route(calls: Sequence[ProposedCall], roster: Roster) -> RoutingDecision:
    """Read the orchestrator's routing from its tool calls; no call means a direct answer."""
    if not calls:
        return RoutingDecision(DecisionKind.DIRECT, DIRECT_ROUTE)
    decisions = [_decide_call(call, roster) for call in calls]
    for decision in decisions:
        if decision.kind is not DecisionKind.DELEGATE:
            return decision
    agents = sorted({decision.route for decision in decisions})
    if len(agents) > 1:
        # Parallel delegations to several agents do not route the request to any one of them.
        return RoutingDecision(
            DecisionKind.SPLIT, "split:" + "+".join(agents), "delegated to several agents"
        )
    return decisions[0]


def _decide_call(call: ProposedCall, roster: Roster) -> RoutingDecision:
    if call.function != TASK_TOOL:
        return _malformed(f"called '{call.function}', which is not an available tool")
    problem = _argument_problem(call)
    if problem:
        return _malformed(problem)
    assert call.arguments is not None  # _argument_problem checked it
    agent = str(call.arguments["subagent_type"]).strip()
    if agent not in roster.names:
        return RoutingDecision(
            DecisionKind.UNKNOWN_AGENT, f"unknown:{agent}", f"no agent named '{agent}'"
        )
    return RoutingDecision(DecisionKind.DELEGATE, agent)


def _argument_problem(call: ProposedCall) -> str | None:
    """Why Claude Code would reject the call's arguments, or None when they are valid."""
    if call.parse_error:
        return f"arguments could not be parsed: {call.parse_error}"
    if call.arguments is None:
        return "arguments are not a JSON object"
    missing = [name for name in TASK_TOOL_PARAMETERS if not _is_text(call.arguments.get(name))]
    if missing:
        return f"missing or empty string arguments: {', '.join(missing)}"
    extra = sorted(set(call.arguments) - set(TASK_TOOL_PARAMETERS))
    if extra:
        return f"unexpected arguments: {', '.join(extra)}"
    return None


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _malformed(problem: str) -> RoutingDecision:
    return RoutingDecision(DecisionKind.MALFORMED, DecisionKind.MALFORMED.value, problem)


# --------------------------------------------------------------------------- scores


@dataclass(frozen=True)
class RouteScore:
    """Per-request scores. None means the request does not bear on that measure.

    `delegation_recall` is scored on requests that belong to the agent under test (its mean over
    them is recall); `delegation_specificity` on the others (1 unless wrongly sent to the agent
    under test). Both pair sample by sample across versions, which precision cannot: the set of
    requests precision is computed over depends on the version.
    """

    routing: float
    delegation_recall: float | None
    delegation_specificity: float | None


def score_route(expected: str, actual: str, agent_under_test: str) -> RouteScore:
    """Score one routed request against its expected (already resolved) route."""
    to_agent = actual == agent_under_test
    if expected == agent_under_test:
        return RouteScore(float(actual == expected), float(to_agent), None)
    return RouteScore(float(actual == expected), None, float(not to_agent))
