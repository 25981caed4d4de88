"""The task functions' parameters: a misspelt one fails, and `-T agent=null` means the null agent.

inspect passes `-T name=value` to a task function only when it declares `name` and otherwise
logs a warning and runs with the default: `-T agnet=x@v1` would run the default agent, the newest
version, and be compared as x@v1's run. The task functions take `**unknown` so that inspect hands
every parameter over, and reject what they do not declare.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

# inspect's CLI prints a PrerequisiteError's message without a traceback; it has no public alias.
from archbench.core.errors import ArchbenchError
from archbench.inspect_compat import PrerequisiteError

NULL_AGENT = "null"


class TaskParameterError(ArchbenchError, PrerequisiteError):
    """A task parameter that does not exist, or a value it cannot take."""

    def __init__(self, message: str) -> None:
        ArchbenchError.__init__(self, message)
        self.message = message


def reject_unknown(task: Callable[..., Any], unknown: Mapping[str, Any]) -> None:
    """Raise naming the first parameter `task` does not declare, and the ones it does."""
    if not unknown:
        return
    known = [
        name
        for name, parameter in inspect.signature(task).parameters.items()
        if parameter.kind is not inspect.Parameter.VAR_KEYWORD
    ]
    name = sorted(unknown)[0]
    close = difflib.get_close_matches(name, known, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise TaskParameterError(
        f"task '{task.__name__}' has no parameter '{name}'{hint}; its parameters: "
        f"{', '.join(known)}"
    )


@contextmanager
def task_errors() -> Iterator[None]:
    """Bad task input (an unknown agent or version, say) as an error inspect's CLI prints as
    its message alone, not a traceback; archbench's own CLI catches it as any ArchbenchError."""
    try:
        yield
    except PrerequisiteError:
        raise
    except ArchbenchError as error:
        raise TaskParameterError(str(error)) from error


def agent_reference(agent: str | None) -> str:
    """`-T agent=null` arrives as None (inspect reads -T values as YAML): the null control."""
    return NULL_AGENT if agent is None else agent
