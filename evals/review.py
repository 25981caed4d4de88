"""archbench's inspect entry point: one task per kind of work the agent prompt claims.

    inspect eval evals/review.py --model anthropic/<model> -T agent=python-backend-architect@v2
    inspect eval evals/review.py@review -T agent=reference        # offline control, no model

`agent` is a prompt reference (`name`, `name@version`, or a path to a subagent .md file), or a
control agent: `reference` (answers with the gold solution) or `null` (answers nothing).
"""

from inspect_ai import Task, task

from archbench.evalkit import DEFAULT_AGENT, build_task
from archbench.grading import SANDBOX_NAME


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
