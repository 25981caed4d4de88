"""Agentic mode's tools: Claude Code's names and parameters, acting on the sandbox's work directory.

Each tool confines its paths with the pure rules of `archbench.core.agentic` and does its I/O
through `archbench.evalkit._agentic_sandbox`; a refused call raises `ToolError`, whose message is
what the agent reads back.
"""

from __future__ import annotations

import signal
from collections.abc import Mapping

from inspect_ai.tool import Tool, ToolError, tool
from inspect_ai.util import sandbox, store

from archbench.core.agentic import (
    UNAVAILABLE_MESSAGE,
    UNAVAILABLE_TOOLS,
    AgenticError,
    GrepMode,
    ToolGrant,
    apply_edit,
    bash_timeout_seconds,
    confine_path,
    describe_command_result,
    glob_paths,
    grep_files,
    number_lines,
    parse_todos,
    truncate_output,
)
from archbench.evalkit._agentic_sandbox import read_text, run_in_sandbox, sandbox_files, write_text
from archbench.runner import command_stop

# How bash reports a command the per-process CPU limit killed (128 + SIGXCPU).
CPU_LIMIT_EXIT_CODE = 128 + signal.SIGXCPU

TODOS_KEY = "archbench:todos"


def _confined(file_path: str, work_dir: str) -> str:
    try:
        return confine_path(file_path, work_dir)
    except AgenticError as error:
        raise ToolError(str(error)) from error


@tool(name="Read")
def read_tool(work_dir: str) -> Tool:
    async def execute(file_path: str, offset: int | None = None, limit: int | None = None) -> str:
        """Reads a file from the working directory, with line numbers (cat -n format).

        Args:
            file_path: The path of the file to read (absolute, or relative to the working
                directory).
            offset: The line number to start reading from (1-based). Only for large files.
            limit: The number of lines to read (default 2000).
        """
        relative = _confined(file_path, work_dir)
        return number_lines(await read_text(sandbox(), relative), offset, limit)

    return execute


@tool(name="Write")
def write_tool(work_dir: str) -> Tool:
    async def execute(file_path: str, content: str) -> str:
        """Writes a file in the working directory, replacing it if it exists.

        Args:
            file_path: The path of the file to write (absolute, or relative to the working
                directory).
            content: The content to write to the file.
        """
        relative = _confined(file_path, work_dir)
        await write_text(sandbox(), relative, content)
        return f"File created successfully at: {file_path}"

    return execute


@tool(name="Edit")
def edit_tool(work_dir: str) -> Tool:
    async def execute(
        file_path: str, old_string: str, new_string: str, replace_all: bool = False
    ) -> str:
        """Performs an exact string replacement in a file.

        Args:
            file_path: The path of the file to modify.
            old_string: The text to replace (must be unique in the file unless replace_all).
            new_string: The text to replace it with (must differ from old_string).
            replace_all: Replace every occurrence of old_string (default false).
        """
        relative = _confined(file_path, work_dir)
        box = sandbox()
        original = await read_text(box, relative)
        try:
            updated = apply_edit(original, old_string, new_string, replace_all)
        except AgenticError as error:
            raise ToolError(str(error)) from error
        await write_text(box, relative, updated)
        return f"The file {file_path} has been updated."

    return execute


@tool(name="Bash")
def bash_tool() -> Tool:
    async def execute(command: str, timeout: int | None = None) -> str:
        """Runs a bash command in the working directory (no network).

        Args:
            command: The command to execute.
            timeout: Optional timeout in milliseconds (default 120000, at most 600000).
        """
        seconds = bash_timeout_seconds(timeout)
        result = await run_in_sandbox(sandbox(), ["bash", "-c", command], seconds)
        stop = command_stop(result, seconds)
        if stop is not None and stop.starved:
            # Not the command's doing and not retried (it may have side effects): say so.
            return (
                f"Command stopped: {stop.explanation('it')}. The machine is overloaded; the "
                "command did not reach its timeout and may be run again."
            )
        # The timeout is CPU first (see `core.run_limits`): a process that spent it got SIGXCPU.
        if stop is not None or result.returncode == CPU_LIMIT_EXIT_CODE:
            return f"Command timed out after {seconds} s and was killed."
        return describe_command_result(result.returncode, result.stdout, result.stderr)

    return execute


@tool(name="Glob")
def glob_tool(work_dir: str) -> Tool:
    async def execute(pattern: str, path: str | None = None) -> str:
        """Finds files by name pattern, such as "**/*.py" or "app/**/*.{py,toml}".

        Args:
            pattern: The glob pattern to match files against.
            path: The folder to search in (default: the working directory).
        """
        folder = _confined(path, work_dir) if path else "."
        names = await sandbox_files(sandbox(), folder, dump=False)
        matches = _within(glob_paths(_relative_to(names, folder), pattern), folder)
        return truncate_output("\n".join(matches)) if matches else "No files found"

    return execute


@tool(name="Grep")
def grep_tool(work_dir: str) -> Tool:
    async def execute(
        pattern: str,
        path: str | None = None,
        glob: str | None = None,
        output_mode: str = "files_with_matches",
    ) -> str:
        """Searches file contents with a regular expression.

        Args:
            pattern: The regular expression to search for.
            path: The file or folder to search in (default: the working directory).
            glob: Only search files matching this glob pattern, such as "*.py".
            output_mode: "files_with_matches" (default), "content" (matching lines) or "count".
        """
        folder = _confined(path, work_dir) if path else "."
        texts = _relative_to(await sandbox_files(sandbox(), folder, dump=True), folder)
        try:
            return grep_files(texts, pattern, glob, _grep_mode(output_mode))
        except AgenticError as error:
            raise ToolError(str(error)) from error

    return execute


def _grep_mode(output_mode: str) -> GrepMode:
    if output_mode == "content":
        return "content"
    return "count" if output_mode == "count" else "files_with_matches"


def _relative_to(files: Mapping[str, str], folder: str) -> dict[str, str]:
    """Paths relative to the searched folder, so that a glob applies below it."""
    if folder in (".", ""):
        return dict(files)
    prefix = folder.rstrip("/") + "/"
    return {name.removeprefix(prefix): text for name, text in files.items()}


def _within(paths: list[str], folder: str) -> list[str]:
    return paths if folder in (".", "") else [f"{folder.rstrip('/')}/{path}" for path in paths]


@tool(name="TodoWrite")
def todo_write_tool() -> Tool:
    async def execute(todos: list[dict[str, str]]) -> str:
        """Creates or updates the task list for this session.

        Args:
            todos: The whole updated list: items with "content", "status" (pending,
                in_progress or completed) and "activeForm".
        """
        try:
            items = parse_todos(todos)
        except AgenticError as error:
            raise ToolError(str(error)) from error
        store().set(TODOS_KEY, [item.model_dump() for item in items])
        return "Todos have been modified successfully."

    return execute


def unavailable_tool(name: str) -> Tool:
    """A tool the frontmatter may list but the benchmark cannot offer: it says so."""

    @tool(name=name)
    def factory() -> Tool:
        async def execute(
            url: str | None = None, query: str | None = None, prompt: str | None = None
        ) -> str:
            """Not available in this benchmark.

            Args:
                url: Unused.
                query: Unused.
                prompt: Unused.
            """
            del url, query, prompt  # required by inspect's interface; unused here
            return UNAVAILABLE_MESSAGE.format(tool=name)

        return execute

    return factory()


def granted_tools(grant: ToolGrant, work_dir: str) -> list[Tool]:
    """The inspect tools for the granted names, in Claude Code's order."""
    factories = {
        "Read": lambda: read_tool(work_dir),
        "Write": lambda: write_tool(work_dir),
        "Edit": lambda: edit_tool(work_dir),
        "Bash": bash_tool,
        "Glob": lambda: glob_tool(work_dir),
        "Grep": lambda: grep_tool(work_dir),
        "TodoWrite": todo_write_tool,
    }
    return [
        unavailable_tool(name) if name in UNAVAILABLE_TOOLS else factories[name]()
        for name in grant.granted
    ]
