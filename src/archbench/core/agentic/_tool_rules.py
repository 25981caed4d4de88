"""What the file tools do on text: path confinement, `Read`, `Edit`, `Bash` output, `TodoWrite`."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from archbench.core.answer import RESERVED_PREFIXES
from archbench.core.errors import ArchbenchError

# Claude Code's limits on what its tools return.
READ_DEFAULT_LIMIT = 2000
READ_MAX_LINE_CHARS = 2000
TOOL_OUTPUT_MAX_CHARS = 30_000
BASH_DEFAULT_TIMEOUT_MS = 120_000
BASH_MAX_TIMEOUT_MS = 600_000


class AgenticError(ArchbenchError):
    """A tool call the benchmark refuses; the message is what the agent reads back."""


def confine_path(file_path: str, work_dir: str) -> str:
    """`file_path` as a path relative to `work_dir`; AgenticError if it points elsewhere.

    Claude Code's tools take absolute paths; relative ones are accepted too and read from the
    work directory. The grader's reserved folders are off limits, as they are for answers.
    """
    if not file_path or "\x00" in file_path:
        raise AgenticError("file_path is empty")
    root = posixpath.normpath(work_dir)
    joined = file_path if posixpath.isabs(file_path) else posixpath.join(root, file_path)
    resolved = posixpath.normpath(joined)
    if resolved != root and not resolved.startswith(root.rstrip("/") + "/"):
        raise AgenticError(f"{file_path} is outside the working directory {root}")
    relative = posixpath.relpath(resolved, root)
    if relative.split("/")[0] in RESERVED_PREFIXES:
        raise AgenticError(f"{file_path} is reserved for the grader")
    return relative


def number_lines(text: str, offset: int | None = None, limit: int | None = None) -> str:
    """`cat -n` style lines as Claude Code's Read returns them; `offset` is 1-based."""
    if not text:
        return "<system-reminder>The file exists but is empty.</system-reminder>"
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    first = max(1, offset or 1)
    count = limit if limit and limit > 0 else READ_DEFAULT_LIMIT
    selected = lines[first - 1 : first - 1 + count]
    if not selected:
        return f"<system-reminder>The file has only {len(lines)} lines.</system-reminder>"
    return "\n".join(
        f"{number:>6}\t{line[:READ_MAX_LINE_CHARS]}"
        for number, line in enumerate(selected, start=first)
    )


def apply_edit(text: str, old_string: str, new_string: str, replace_all: bool = False) -> str:
    """Claude Code's Edit on a file's text: an exact, unique replacement unless `replace_all`."""
    if old_string == new_string:
        raise AgenticError("No changes to make: old_string and new_string are exactly the same.")
    if old_string == "":
        raise AgenticError("old_string is empty; use Write to create or replace a whole file.")
    occurrences = text.count(old_string)
    if occurrences == 0:
        raise AgenticError("String to replace not found in file.")
    if occurrences > 1 and not replace_all:
        raise AgenticError(
            f"Found {occurrences} matches of the string to replace, but replace_all is false. "
            "Provide more context to make it unique, or set replace_all to true."
        )
    return text.replace(old_string, new_string)


def truncate_output(text: str, limit: int = TOOL_OUTPUT_MAX_CHARS) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n... [output truncated: {len(text) - limit} more characters]"


def bash_timeout_seconds(timeout_ms: int | None) -> int:
    """Claude Code's Bash timeout is in milliseconds, 2 minutes by default, 10 at most."""
    milliseconds = BASH_DEFAULT_TIMEOUT_MS if not timeout_ms or timeout_ms <= 0 else timeout_ms
    return max(1, min(milliseconds, BASH_MAX_TIMEOUT_MS) // 1000)


def describe_command_result(returncode: int, stdout: str, stderr: str) -> str:
    parts = [part.rstrip("\n") for part in (stdout, stderr) if part.strip()]
    if returncode != 0:
        parts.append(f"[exit code {returncode}]")
    return truncate_output("\n".join(parts)) if parts else "(no output)"


class TodoItem(BaseModel):
    model_config = ConfigDict(extra="ignore")

    content: str
    status: Literal["pending", "in_progress", "completed"]
    activeForm: str = ""  # Claude Code's field name, kept so prompts match


def parse_todos(todos: Sequence[Mapping[str, object]]) -> list[TodoItem]:
    """The agent's todo list, validated as Claude Code validates it."""
    try:
        items = [TodoItem.model_validate(dict(todo)) for todo in todos]
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise AgenticError(f"invalid todo field '{where}': {first['msg']}") from error
    if sum(item.status == "in_progress" for item in items) > 1:
        raise AgenticError("only one todo may be in_progress at a time")
    return items
