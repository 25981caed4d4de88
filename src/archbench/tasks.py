"""archbench's inspect tasks, defined once: one per kind of work the agent prompt claims.

They are registered as `archbench/<task>` when inspect loads the package's entry point
(`archbench._registry`), and `evals/review.py` exposes the same functions under their plain
names through `same_task_as`, so `inspect eval evals/review.py@<task>` and
`inspect eval archbench/<task>` run one definition.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from inspect_ai import Task, task

from archbench.core.agentic import DEFAULT_CLARIFICATION_REPLY
from archbench.evalkit import DEFAULT_AGENT, build_routing_task, build_task, reject_unknown
from archbench.runner import SANDBOX_NAME


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


TASKS: dict[str, Callable[..., Task]] = {
    "implement": implement,
    "review": review,
    "refactor": refactor,
    "design": design,
    "routing": routing,
}


def same_task_as(stub: Callable[..., Task]) -> Callable[..., Task]:
    """Turn `stub` into archbench's task of the same name, keeping the stub's own identity.

    inspect finds a file's tasks by parsing it for `@task` functions, so `evals/review.py` must
    define functions; this gives each one the archbench task's signature (inspect records its
    parameters and defaults in the log as `task_args` and checks `-T` names against it) and
    docstring. The stub's module and name stay, so inspect names the task `implement`, not
    `archbench/implement`, and records `evals/review.py` as its file.
    """
    if stub.__name__ not in TASKS:
        raise ValueError(f"'{stub.__name__}' is not an archbench task (known: {', '.join(TASKS)})")
    target = TASKS[stub.__name__]

    def run(*args: object, **task_args: object) -> Task:
        return target(*args, **task_args)

    run.__name__ = run.__qualname__ = stub.__name__
    run.__module__ = stub.__module__
    run.__doc__ = target.__doc__
    run.__signature__ = inspect.signature(target)  # type: ignore[attr-defined]
    return run
