"""archbench's inspect entry point: one task per kind of work the agent prompt claims.

    inspect eval evals/review.py --model anthropic/<model> -T agent=python-backend-architect@v2
    inspect eval evals/review.py@review -T agent=reference        # offline control, no model
    inspect eval evals/review.py@implement --model anthropic/<model> -T mode=agentic  # tool loop

`agent` is a prompt reference (`name`, `name@version`, or a path to a subagent .md file), or a
control agent: `reference` (answers with the gold solution) or `null` (answers nothing).
"""

from typing import Any

from inspect_ai import Task, task

from archbench.core.agentic import DEFAULT_CLARIFICATION_REPLY
from archbench.evalkit import DEFAULT_AGENT, build_routing_task, build_task, reject_unknown
from archbench.grading import SANDBOX_NAME


@task
def implement(
    agent: str | None = DEFAULT_AGENT,
    sandbox: str = SANDBOX_NAME,
    mode: str = "single",
    honor_model: bool = False,
    clarification_reply: str = DEFAULT_CLARIFICATION_REPLY,
    **unknown: Any,
) -> Task:
    """Build a feature (endpoint, repository, pipeline step); graded by hidden tests."""
    reject_unknown(implement, unknown)
    return build_task("implement", agent, sandbox, mode, honor_model, clarification_reply)


@task
def review(
    agent: str | None = DEFAULT_AGENT,
    sandbox: str = SANDBOX_NAME,
    mode: str = "single",
    honor_model: bool = False,
    clarification_reply: str = DEFAULT_CLARIFICATION_REPLY,
    **unknown: Any,
) -> Task:
    """Review a codebase that may hold a seeded bug; graded against ground truth."""
    reject_unknown(review, unknown)
    return build_task("review", agent, sandbox, mode, honor_model, clarification_reply)


@task
def refactor(
    agent: str | None = DEFAULT_AGENT,
    sandbox: str = SANDBOX_NAME,
    mode: str = "single",
    honor_model: bool = False,
    clarification_reply: str = DEFAULT_CLARIFICATION_REPLY,
    **unknown: Any,
) -> Task:
    """Break up a working monolithic module; behaviour preserved, shape graded."""
    reject_unknown(refactor, unknown)
    return build_task("refactor", agent, sandbox, mode, honor_model, clarification_reply)


@task
def design(
    agent: str | None = DEFAULT_AGENT,
    sandbox: str = SANDBOX_NAME,
    clarification_reply: str = DEFAULT_CLARIFICATION_REPLY,
    **unknown: Any,
) -> Task:
    """Answer an architecture question; graded by a model judge against key points."""
    reject_unknown(design, unknown)
    return build_task("design", agent, sandbox, clarification_reply=clarification_reply)


@task
def routing(agent: str | None = DEFAULT_AGENT, **unknown: Any) -> Task:
    """Route requests among a roster of subagents; scored 1 when the route matches."""
    reject_unknown(routing, unknown)
    return build_routing_task(agent)
