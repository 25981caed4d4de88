"""inspect entry point: registers archbench's model provider and tasks.

Loaded through `[project.entry-points.inspect_ai]`, so `--model archbench/offline` and
`inspect eval archbench/<task>` work from any directory.
"""

from __future__ import annotations

from inspect_ai import Task, task
from inspect_ai.model import ModelAPI, modelapi

from archbench.evalkit import DEFAULT_AGENT, build_task
from archbench.grading import SANDBOX_NAME


@modelapi(name="archbench")
def offline() -> type[ModelAPI]:
    from archbench.evalkit._offline_model import OfflineModel

    return OfflineModel


@task
def implement(agent: str = DEFAULT_AGENT, sandbox: str = SANDBOX_NAME) -> Task:
    """Build a feature (endpoint, repository, pipeline step); graded by hidden tests."""
    return build_task("implement", agent, sandbox)


@task
def review(agent: str = DEFAULT_AGENT, sandbox: str = SANDBOX_NAME) -> Task:
    """Review a codebase that may hold a seeded bug; graded against ground truth."""
    return build_task("review", agent, sandbox)


@task
def refactor(agent: str = DEFAULT_AGENT, sandbox: str = SANDBOX_NAME) -> Task:
    """Break up a working monolithic module; behaviour preserved, shape graded."""
    return build_task("refactor", agent, sandbox)


@task
def design(agent: str = DEFAULT_AGENT, sandbox: str = SANDBOX_NAME) -> Task:
    """Answer an architecture question; graded by a model judge against key points."""
    return build_task("design", agent, sandbox)
