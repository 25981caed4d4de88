"""The `routing` task: the model under test plays the orchestrator and routes each request.

It sees the roster in the description of a Task tool shaped like Claude Code's and generates
once; the delegation it proposes is read, never executed. The routing logic is pure and lives in
`archbench.core.routing`; this module only binds it to inspect.
"""

from __future__ import annotations

from typing import Any

from inspect_ai import Task
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.model import ChatMessageSystem, ModelOutput
from inspect_ai.scorer import (
    Metric,
    SampleScore,
    Score,
    Scorer,
    Target,
    mean,
    metric,
    scorer,
    stderr,
)
from inspect_ai.solver import Generate, Solver, TaskState, solver
from inspect_ai.tool import Tool, ToolDef, ToolParam, ToolParams

from archbench import __version__
from archbench.core.agent_ref import CONTROL_AGENTS, REFERENCE_AGENT
from archbench.core.prompt import AgentPrompt
from archbench.core.registry import GRADER_VERSIONS, KINDS
from archbench.core.routing import (
    DIRECT_ROUTE,
    ORCHESTRATOR_SYSTEM_PROMPT,
    ROUTING_HARNESS_VERSION,
    TASK_TOOL,
    TASK_TOOL_PARAMETERS,
    UNDER_TEST_ROUTE,
    ProposedCall,
    Roster,
    decide_route,
    delegation_stats,
    outcome_from_metadata,
    outcome_metadata,
    score_route,
    task_tool_description,
)
from archbench.core.run_metadata import RunMetadata
from archbench.evalkit._answer_key import deposit_routes, expected_routes
from archbench.evalkit._scorers import UNSCORED, _fail_closed, metrics_for_log
from archbench.evalkit._task_params import agent_reference, task_errors
from archbench.evalkit._tasks import DEFAULT_AGENT, _require_model
from archbench.io.agents import load_agent
from archbench.io.routing_data import RoutingRequest, load_routing_dataset, roster_agent

TASK_NAME = "routing"
ROUTING_METRICS = KINDS["routing"].metrics
ROUTING_GRADER_VERSION = GRADER_VERSIONS["routing"]


def build_routing_task(agent: str | None = DEFAULT_AGENT) -> Task:
    """The routing Task for `agent` (a prompt reference, or the `reference`/`null` controls).

    The controls need a roster too: theirs holds the default agent's latest prompt.
    """
    with task_errors():
        return _build_routing_task(agent_reference(agent))


def _build_routing_task(agent: str) -> Task:
    is_control = agent in CONTROL_AGENTS
    if not is_control:
        _require_model(agent)
    prompt = load_agent(DEFAULT_AGENT if is_control else agent)
    dataset = load_routing_dataset()
    roster = Roster(roster_agent(prompt), dataset.distractors)
    # The expected routes are the answer key: the solver and scorer get a handle, not the routes.
    routes = deposit_routes(
        dataset.version, {request.id: roster.resolve(request.route) for request in dataset.requests}
    )
    solver = routing_control(agent, routes) if is_control else orchestrator(roster)
    agent_metadata = _control_metadata(agent) if is_control else _prompt_metadata(prompt)
    return Task(
        name=TASK_NAME,
        dataset=MemoryDataset([_sample(r, roster) for r in dataset.requests], name=TASK_NAME),
        solver=solver,
        scorer=routing_grader(roster, routes),
        tags=[agent],
        metadata=RunMetadata.for_run(
            agent_reference=agent,
            **agent_metadata,
            dataset_version=dataset.version,
            archbench_version=__version__,
            harness_version=ROUTING_HARNESS_VERSION,
            # `compare` refuses runs whose graders differ; the orchestrator's instructions and
            # tool text are as much a part of the measurement as the grader.
            graders={
                "routing": ROUTING_GRADER_VERSION,
                "routing_harness": ROUTING_HARNESS_VERSION,
            },
            metrics=metrics_for_log(TASK_NAME),
            invalid_tasks=[],
            roster=_roster_metadata(roster),
        ).to_log(),
    )


def _prompt_metadata(prompt: AgentPrompt) -> dict[str, Any]:
    return {
        "agent": prompt.name,
        "agent_version": prompt.version,
        "agent_sha256": prompt.sha256,
        "agent_path": prompt.path,
        "agent_model": prompt.model,
        "agent_tools": list(prompt.tools),
    }


def _control_metadata(agent: str) -> dict[str, Any]:
    return {"agent": agent, "agent_version": None, "agent_sha256": None, "agent_path": None}


def _roster_metadata(roster: Roster) -> dict[str, Any]:
    under_test = roster.under_test
    return {
        "agent_under_test": {
            "name": under_test.name,
            "version": under_test.version,
            "sha256": under_test.sha256,
        },
        "distractors": roster.distractor_identity(),
    }


def _sample(request: RoutingRequest, roster: Roster) -> Sample:
    route_class = (
        request.route if request.route in (UNDER_TEST_ROUTE, DIRECT_ROUTE) else "distractor"
    )
    return Sample(
        id=request.id,
        input=request.request,
        target=roster.resolve(request.route),
        metadata={"route": request.route, "route_class": route_class, "why": request.why},
    )


# --------------------------------------------------------------------------- the Task tool


def task_tool(roster: Roster) -> Tool:
    """Claude Code's delegation tool, its description listing the roster."""

    async def execute(description: str, prompt: str, subagent_type: str) -> str:
        # Never reached: the orchestrator generates with tool_calls="none".
        del description, prompt  # required by inspect's interface; unused here
        return f"(delegation to {subagent_type} is not executed by the routing benchmark)"

    parameters = ToolParams(
        properties={
            name: ToolParam(type="string", description=text)
            for name, text in TASK_TOOL_PARAMETERS.items()
        },
        required=list(TASK_TOOL_PARAMETERS),
    )
    return ToolDef(
        execute, name=TASK_TOOL, description=task_tool_description(roster), parameters=parameters
    ).as_tool()


@solver
def orchestrator(roster: Roster) -> Solver:
    """One turn of the main assistant with the Task tool; the proposed call is not run."""

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        state.messages.insert(0, ChatMessageSystem(content=ORCHESTRATOR_SYSTEM_PROMPT))
        state.tools = [task_tool(roster)]
        state.tool_choice = "auto"
        return await generate(state, tool_calls="none")

    return solve


@solver
def routing_control(name: str, routes: str) -> Solver:
    """`reference` takes the expected route, `null` always answers itself; no model is called.

    `routes` is the handle of the expected routes (see `_answer_key`).
    """
    expected = expected_routes(routes)

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        del generate  # required by inspect's interface; unused here
        route = expected[str(state.sample_id)] if name == REFERENCE_AGENT else DIRECT_ROUTE
        model = f"archbench/{name}"
        state.output = (
            ModelOutput.from_content(model, "(answered directly)")
            if route == DIRECT_ROUTE
            else ModelOutput.for_tool_call(
                model, TASK_TOOL, _delegation(route, state.input_text), content=""
            )
        )
        state.messages.append(state.output.message)
        return state

    return solve


def _delegation(agent: str, request: str) -> dict[str, str]:
    return {"description": "Handle the user's request", "prompt": request, "subagent_type": agent}


# --------------------------------------------------------------------------- scoring


@metric
def delegation_precision() -> Metric:
    """Of the requests sent to the agent under test, the share that belonged to it.

    NaN when nothing was sent to it: precision is then undefined, not zero.
    """

    def compute(scores: list[SampleScore]) -> float:
        read = [outcome_from_metadata(s.score.metadata or {}) for s in scores]
        outcomes = [item for item in read if item is not None]
        if not outcomes:
            return UNSCORED
        agent = outcomes[0][0]
        precision = delegation_stats((outcome for _, outcome in outcomes), agent).precision
        return UNSCORED if precision is None else precision

    return compute


@scorer(
    metrics={
        "routing": [mean(), stderr(), delegation_precision()],
        "delegation_recall": [mean(), stderr()],
        "delegation_specificity": [mean(), stderr()],
    }
)
def routing_grader(roster: Roster, routes: str) -> Scorer:
    """1 when the orchestrator routed the request where the dataset says it belongs.

    `routes` is the handle of the expected routes (see `_answer_key`).

    `delegation_recall`'s mean is the recall of delegation to the agent under test; the
    `routing` key's `delegation_precision` metric is its precision.
    """
    expected = expected_routes(routes)

    async def grade(state: TaskState, target: Target) -> Score:
        del target  # required by inspect's interface; unused here
        want = expected[str(state.sample_id)]
        calls = [
            ProposedCall(call.function, call.arguments, call.parse_error)
            for call in state.output.message.tool_calls or []
        ]
        decision = decide_route(calls, roster)
        scores = score_route(want, decision.route, roster.under_test.name)
        value = {
            "routing": scores.routing,
            "delegation_recall": _or_unscored(scores.delegation_recall),
            "delegation_specificity": _or_unscored(scores.delegation_specificity),
        }
        explanation = f"expected {want}, routed to {decision.route}"
        return Score(
            value=value,
            answer=decision.route,
            explanation=f"{explanation}: {decision.problem}" if decision.problem else explanation,
            metadata={
                **outcome_metadata(want, decision.route, roster.under_test.name),
                "decision": decision.kind.value,
            },
        )

    return _fail_closed(ROUTING_METRICS, grade)


def _or_unscored(value: float | None) -> float:
    return UNSCORED if value is None else value
