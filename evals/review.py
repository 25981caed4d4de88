"""archbench's inspect entry point: one task per kind of work the agent prompt claims.

    inspect eval evals/review.py --model anthropic/<model> -T agent=python-backend-architect@v2
    inspect eval evals/review.py@review -T agent=reference        # offline control, no model
    inspect eval evals/review.py@implement --model anthropic/<model> -T mode=agentic  # tool loop

`agent` is a prompt reference (`name`, `name@version`, or a path to a subagent .md file), or a
control agent: `reference` (answers with the gold solution) or `null` (answers nothing).

The tasks are defined once, in `archbench.tasks` (also `inspect eval archbench/<task>`); each
function here only names one, because inspect finds a file's tasks by reading its `@task`s.
Their parameters and docstrings are archbench's (`inspect list tasks evals/review.py`).
"""

from inspect_ai import Task, task

from archbench.tasks import same_task_as


@task
@same_task_as
def implement() -> Task: ...


@task
@same_task_as
def review() -> Task: ...


@task
@same_task_as
def refactor() -> Task: ...


@task
@same_task_as
def design() -> Task: ...


@task
@same_task_as
def routing() -> Task: ...
